package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import io.kehu.server.connectors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deliveries that failed for good, and the way back: list them with the destination's message,
 * correct their fields, and replay one or all of a destination.
 */
public final class DeliveryDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDeadLetters.class);
    private static final int PAGE = 500;

    private final OutboxStore store;
    private final Documents docs;
    private final IndexNames names;
    private final OutboxTransitions transitions;
    private final DeliverySignals signals;
    private final Clock clock;

    DeliveryDeadLetters(OutboxStore store, Documents docs, IndexNames names, OutboxTransitions transitions,
                        DeliverySignals signals, Clock clock) {
        this.store = store;
        this.docs = docs;
        this.names = names;
        this.transitions = transitions;
        this.signals = signals;
        this.clock = clock;
    }

    /** Outbox items, most recently changed first, optionally of one status and one destination. */
    public SearchPage<OutboxDoc> list(String status, String destination, int from, int size) {
        BoolQuery.Builder q = new BoolQuery.Builder();
        if (status != null && !status.isBlank()) {
            q.filter(f -> f.term(t -> t.field("status").value(status)));
        }
        if (destination != null && !destination.isBlank()) {
            q.filter(f -> f.term(t -> t.field("destination").value(destination)));
        }
        BoolQuery query = q.build();
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.outbox()).query(x -> x.bool(query))
                .from(Math.max(0, from)).size(Math.min(Math.max(size, 1), 200))
                .sort(o -> o.field(f -> f.field("updatedAt").order(SortOrder.Desc))), OutboxDoc.class), names.outbox());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }

    public OutboxDoc get(String destination, String profileId) {
        return store.get(OutboxDoc.id(destination, profileId)).map(VersionedDoc::source)
                .orElseThrow(() -> notFound(destination, profileId));
    }

    /** Stores corrections over the routed fields (null removes one); see {@link OutboxTransitions#patch}. */
    public OutboxDoc patch(String destination, String profileId, Map<String, Object> corrections) {
        Instant now = clock.instant();
        return change(destination, profileId, (id, current) -> transitions.patch(current, corrections, now));
    }

    /** Queues one item again, due now, with no attempts. */
    public OutboxDoc replay(String destination, String profileId) {
        Instant now = clock.instant();
        OutboxDoc replayed = change(destination, profileId, (id, current) -> transitions.replay(current, now));
        log.info("Replaying the delivery of profile {} to {}", profileId, destination);
        return replayed;
    }

    /** Queues every failed item of a destination again; returns how many. */
    public int replayAll(String destination) {
        Instant now = clock.instant();
        int replayed = 0;
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> cursor = after;
            var page = Documents.call(() -> docs.client().search(s -> {
                s.index(names.outbox()).size(PAGE).seqNoPrimaryTerm(true)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("destination").value(destination)))
                                .filter(f -> f.term(t -> t.field("status").value(OutboxDoc.FAILED)))))
                        .sort(o -> o.field(f -> f.field("profileId").order(SortOrder.Asc)));
                if (cursor != null) {
                    s.searchAfter(cursor);
                }
                return s;
            }, OutboxDoc.class), names.outbox());
            List<Hit<OutboxDoc>> hits = page.hits().hits();
            Map<String, VersionedDoc<OutboxDoc>> known = new LinkedHashMap<>();
            hits.forEach(h -> known.put(h.id(), new VersionedDoc<>(h.id(), h.source(), h.seqNo(), h.primaryTerm())));
            // Only what is still failed when written: an item re-routed meanwhile is already on its way.
            replayed += store.apply(known.keySet(), known, (id, current) -> current != null
                    && OutboxDoc.FAILED.equals(current.status()) ? transitions.replay(current, now) : null, List.of()).size();
            if (hits.size() < PAGE) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
        if (replayed > 0) {
            signals.wake(destination);
        }
        log.info("Replaying {} failed deliveries to {}", replayed, destination);
        return replayed;
    }

    private OutboxDoc change(String destination, String profileId, BiFunction<String, OutboxDoc, OutboxDoc> change) {
        String id = OutboxDoc.id(destination, profileId);
        OutboxDoc written = store.apply(List.of(id), Map.of(), (i, current) -> {
            if (current == null) {
                throw notFound(destination, profileId);
            }
            return change.apply(i, current);
        }, List.of()).get(id);
        if (written == null) {
            return get(destination, profileId);
        }
        signals.wake(destination);
        return written;
    }

    private static NotFoundException notFound(String destination, String profileId) {
        return new NotFoundException("No delivery of profile " + profileId + " to " + destination);
    }
}

package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.VersionedDoc;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable delivery outbox: a routed lead is recorded here, one document per profile and
 * destination instance, before any call is made; the destination's worker delivers it from here,
 * and a restarted hub resumes from here.
 */
public final class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final int PAGE = 1000;

    private final OutboxStore store;
    private final Documents docs;
    private final IndexNames names;
    private final OutboxTransitions transitions;
    private final DeliverySignals signals;
    private final OutboxSplit split;
    private final Clock clock;

    Outbox(OutboxStore store, Documents docs, IndexNames names, OutboxTransitions transitions, DeliverySignals signals,
           OutboxSplit split, Clock clock) {
        this.store = store;
        this.split = split;
        this.docs = docs;
        this.names = names;
        this.transitions = transitions;
        this.signals = signals;
        this.clock = clock;
    }

    /**
     * Records that a profile goes to a destination; returns once Elasticsearch acknowledged it. An
     * unchanged payload is left as it is; a changed one is delivered again as an update.
     *
     * @throws io.kehu.api.HubException retryable when it could not be stored; enqueueing again is harmless
     */
    public EnqueueOutcome enqueue(String profileId, String destinationId, String ruleId, Map<String, Object> fields,
                                  String owner) {
        return enqueueAll(List.of(new OutboxEntry(profileId, destinationId, ruleId, fields, owner))).get(0);
    }

    /**
     * {@link #enqueue} for many profiles in one multi-get and one bulk request. When the same profile
     * and destination appear twice, the later entry wins.
     *
     * @return one outcome per entry, in order
     */
    public List<EnqueueOutcome> enqueueAll(List<OutboxEntry> entries) {
        Map<String, OutboxEntry> latest = new LinkedHashMap<>();
        for (OutboxEntry e : entries) {
            latest.put(OutboxDoc.id(e.destinationId(), e.profileId()), e);
        }
        Instant now = clock.instant();
        Map<String, OutboxDoc> written = store.apply(latest.keySet(), Map.of(),
                (id, current) -> transitions.enqueue(current, latest.get(id), now), List.of());
        written.values().stream().map(OutboxDoc::destination).distinct().forEach(signals::wake);
        List<EnqueueOutcome> out = new ArrayList<>(entries.size());
        for (OutboxEntry e : entries) {
            boolean queued = written.containsKey(OutboxDoc.id(e.destinationId(), e.profileId()));
            out.add(queued ? EnqueueOutcome.QUEUED : EnqueueOutcome.UNCHANGED);
        }
        return out;
    }

    /**
     * The entries of many profiles (a routing page), every destination. Reads what the latest writes
     * left: the index is refreshed first, as for {@link #pending}.
     */
    public List<OutboxDoc> ofProfiles(Collection<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        List<FieldValue> ids = profileIds.stream().distinct().map(FieldValue::of).toList();
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.outbox())), names.outbox());
        List<OutboxDoc> out = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            var r = Documents.call(() -> docs.client().search(s -> {
                s.index(names.outbox()).size(PAGE)
                        .query(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(ids))))
                        .sort(o -> o.field(f -> f.field("profileId").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("destination").order(SortOrder.Asc)));
                return from == null ? s : s.searchAfter(from);
            }, OutboxDoc.class), names.outbox());
            List<Hit<OutboxDoc>> hits = r.hits().hits();
            hits.forEach(h -> out.add(h.source()));
            if (hits.size() < PAGE) {
                return out;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** A merge as the outbox sees it: {@code absorbed} lives on as {@code survivor}. */
    public record Merge(String mergeId, String absorbed, String survivor) {
    }

    /**
     * Carries the destination records of merged-away profiles over to their survivors, merges in the order
     * given (oldest first, so a chain A → B → C ends at C). Where the survivor has no entry at a destination,
     * the absorbed profile's entry becomes the survivor's with the same remote id, idempotency key, payload
     * and status, so routing the survivor updates that record instead of creating a second one. Where the
     * survivor has its own entry, that one stays; the absorbed profile's record is no longer updated (the
     * SPI has no way to merge two CRM records). Either way the absorbed entry is retired as {@code MERGED}.
     * Harmless to repeat. An entry that undoing the merge gave back ({@link #giveBack}) stays where it is: a
     * run that read the merge before the undo began carries nothing over again.
     *
     * @return how many entries were carried over
     */
    public int carryOver(List<Merge> merges) {
        if (merges.isEmpty()) {
            return 0;
        }
        Set<String> profiles = new LinkedHashSet<>();
        merges.forEach(m -> {
            profiles.add(m.absorbed());
            profiles.add(m.survivor());
        });
        // Every entry as the merges leave it, applied in order in memory; written once at the end.
        Map<String, OutboxDoc> entries = new LinkedHashMap<>();
        ofProfiles(profiles).forEach(d -> entries.put(d.id(), d));
        Set<String> changed = new LinkedHashSet<>();
        Set<String> carried = new LinkedHashSet<>();
        Map<String, String> retiredBy = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Merge m : merges) {
            List<OutboxDoc> absorbed = entries.values().stream()
                    .filter(d -> d.profileId().equals(m.absorbed()) && !OutboxDoc.MERGED.equals(d.status())
                            && !m.mergeId().equals(d.returnedBy())).toList();
            for (OutboxDoc a : absorbed) {
                String survivorId = OutboxDoc.id(a.destination(), m.survivor());
                if (entries.containsKey(survivorId)) {
                    log.info("Profile {} was merged into {}, which has its own record at {}: record {} is no longer updated",
                            m.absorbed(), m.survivor(), a.destination(), a.remoteId());
                } else {
                    entries.put(survivorId, a.carriedTo(m.survivor(), a.recordKey(), now));
                    changed.add(survivorId);
                    carried.add(survivorId);
                    log.info("Profile {} was merged into {}: its record {} at {} is carried over", m.absorbed(),
                            m.survivor(), a.remoteId(), a.destination());
                }
                entries.put(a.id(), a.retiredInto(m.survivor(), now));
                changed.add(a.id());
                retiredBy.put(a.id(), m.mergeId());
            }
        }
        store.apply(changed, Map.of(), (id, current) -> {
            OutboxDoc planned = entries.get(id);
            if (current == null) {
                // A carried entry is created only where the survivor still has none (one routed meanwhile stays).
                return carried.contains(id) ? planned : null;
            }
            boolean returned = retiredBy.containsKey(id) && retiredBy.get(id).equals(current.returnedBy());
            return carried.contains(id) || returned || OutboxDoc.MERGED.equals(current.status()) ? null
                    : current.retiredInto(planned.mergedInto(), now);
        }, List.of());
        return carried.size();
    }

    /**
     * Undoing merge {@code mergeId} gives each restored profile its destination records back: the record the
     * survivor carried on for it (the survivor is left with no entry there, so routing creates its own record
     * if it still qualifies), or its own retired entry where the survivor kept a record of its own. Each entry
     * comes back with the restored profile's payload and owner; a record that last got the survivor's data is
     * updated at once. Done in steps planned from what the outbox holds, so it is harmless to repeat, and
     * finishes what a crashed attempt began.
     *
     * @return the entries given back by this call
     * @throws io.kehu.api.HubException retryable when a write failed or entries kept changing; repeating finishes it
     */
    public int giveBack(String mergeId, String survivor, List<String> restored) {
        return split.giveBack(mergeId, survivor, restored);
    }

    public Optional<OutboxDoc> get(String destinationId, String profileId) {
        return store.get(OutboxDoc.id(destinationId, profileId)).map(VersionedDoc::source);
    }

    /** Where a profile goes: one item per destination it was routed to. */
    public List<OutboxDoc> ofProfile(String profileId) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.outbox()).size(100)
                .query(q -> q.term(t -> t.field("profileId").value(profileId)))
                .sort(o -> o.field(f -> f.field("destination").order(SortOrder.Asc))), OutboxDoc.class), names.outbox());
        return r.hits().hits().stream().map(Hit::source).toList();
    }

    /**
     * The pending items of a destination, those due soonest first, with their versions; at most
     * {@code limit}. One search answers both "what is due now" (the leading items whose time has
     * come) and, when nothing is, "when is the next one due" (the first item).
     */
    List<VersionedDoc<OutboxDoc>> pending(String destinationId, int limit) {
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.outbox())), names.outbox());
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.outbox()).size(Math.max(1, limit))
                .seqNoPrimaryTerm(true)
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("destination").value(destinationId)))
                        .filter(f -> f.term(t -> t.field("status").value(OutboxDoc.PENDING)))))
                .sort(o -> o.field(f -> f.field("nextAttemptAt").order(SortOrder.Asc)))
                .sort(o -> o.field(f -> f.field("profileId").order(SortOrder.Asc))), OutboxDoc.class), names.outbox());
        List<VersionedDoc<OutboxDoc>> out = new ArrayList<>();
        for (Hit<OutboxDoc> h : r.hits().hits()) {
            out.add(new VersionedDoc<>(h.id(), h.source(), h.seqNo() == null ? -1 : h.seqNo(),
                    h.primaryTerm() == null ? -1 : h.primaryTerm()));
        }
        return out;
    }
}

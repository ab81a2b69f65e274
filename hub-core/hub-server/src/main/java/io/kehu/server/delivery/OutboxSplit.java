package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.VersionedDoc;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the restored profiles of an undone merge their destination records back ({@link OutboxSplitPlan}):
 * reads the entries of the survivor and the restored profiles, writes the next steps against the versions
 * read, and reads again until nothing is left to do. A write that lost to another writer (a delivery's answer,
 * a routing run) is planned again from what that writer left.
 */
final class OutboxSplit {

    private static final Logger log = LoggerFactory.getLogger(OutboxSplit.class);
    /** Three steps per record, and room for a few lost races. */
    private static final int MAX_ROUNDS = 10;
    /** Entries of a handful of profiles, one per destination instance each: one page holds them. */
    private static final int MAX_ENTRIES = 1000;

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final DeliverySignals signals;
    private final Clock clock;

    OutboxSplit(Documents docs, BulkWriter bulk, IndexNames names, DeliverySignals signals, Clock clock) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
        this.signals = signals;
        this.clock = clock;
    }

    /** @return the entries given back to the restored profiles by this call */
    int giveBack(String mergeId, String survivor, List<String> restored) {
        Set<String> profiles = new LinkedHashSet<>(restored);
        profiles.add(survivor);
        int returned = 0;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Map<String, VersionedDoc<OutboxDoc>> read = read(profiles);
            List<OutboxSplitPlan.Step> steps = OutboxSplitPlan.next(mergeId, survivor, restored,
                    read.values().stream().map(VersionedDoc::source).toList(), clock.instant());
            if (steps.isEmpty()) {
                return returned;
            }
            List<BulkOperation> ops = new ArrayList<>();
            for (OutboxSplitPlan.Step step : steps) {
                ops.add(operation(step, read.get(step.id())));
            }
            List<BulkItemResult> results = bulk.execute(ops, true);
            for (BulkItemResult r : results) {
                OutboxSplitPlan.Step step = steps.get(r.position());
                if (r.ok()) {
                    returned += given(step, mergeId);
                } else if (!r.conflict() && !(step.delete() && r.status() == 404)) {
                    // Elasticsearch's reason can quote field values (personal data): DEBUG only.
                    log.debug("Outbox write of {} failed: {}", step.id(), r.reason());
                    throw HubException.retryable("Elasticsearch refused an outbox write (" + r.errorType()
                            + ") while merge " + mergeId + " was undone; repeat the request to finish it", null);
                }
            }
        }
        throw HubException.retryable("The outbox entries of profile " + survivor + " kept changing while merge " + mergeId
                + " was undone; repeat the request to finish it", null);
    }

    /** Counts an entry that came back to a restored profile, and wakes its destination's worker if it is due. */
    private int given(OutboxSplitPlan.Step step, String mergeId) {
        OutboxDoc next = step.next();
        boolean back = next != null && mergeId.equals(next.returnedBy())
                && (step.current() == null || OutboxDoc.MERGED.equals(step.current().status()));
        if (!back) {
            return 0;
        }
        log.info("Undoing merge {}: profile {} has its record {} at {} back ({})", mergeId, next.profileId(),
                next.remoteId(), next.destination(), next.status());
        if (OutboxDoc.PENDING.equals(next.status())) {
            signals.wake(next.destination());
        }
        return 1;
    }

    private BulkOperation operation(OutboxSplitPlan.Step step, VersionedDoc<OutboxDoc> cur) {
        String index = names.outbox();
        if (cur == null) {
            return BulkOperation.of(b -> b.create(c -> c.index(index).id(step.id()).document(step.next())));
        }
        if (step.delete()) {
            return BulkOperation.of(b -> b.delete(d -> d.index(index).id(step.id())
                    .ifSeqNo(cur.seqNo()).ifPrimaryTerm(cur.primaryTerm())));
        }
        return BulkOperation.of(b -> b.index(i -> i.index(index).id(step.id()).document(step.next())
                .ifSeqNo(cur.seqNo()).ifPrimaryTerm(cur.primaryTerm())));
    }

    private Map<String, VersionedDoc<OutboxDoc>> read(Set<String> profiles) {
        String index = names.outbox();
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(index)), index);
        List<FieldValue> ids = profiles.stream().map(FieldValue::of).toList();
        var r = Documents.call(() -> docs.client().search(s -> s.index(index).size(MAX_ENTRIES).seqNoPrimaryTerm(true)
                .query(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(ids)))), OutboxDoc.class), index);
        Map<String, VersionedDoc<OutboxDoc>> out = new LinkedHashMap<>();
        for (Hit<OutboxDoc> h : r.hits().hits()) {
            out.put(h.id(), new VersionedDoc<>(h.id(), h.source(), h.seqNo() == null ? -1 : h.seqNo(),
                    h.primaryTerm() == null ? -1 : h.primaryTerm()));
        }
        return out;
    }
}

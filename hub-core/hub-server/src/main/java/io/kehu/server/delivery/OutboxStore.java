package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.VersionedDoc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes outbox documents with optimistic concurrency: each change is applied to the version it was
 * computed from ({@code if_seq_no}/{@code if_primary_term}, or create-if-absent), and a conflict reads
 * the document again and applies the change to what is there now. Every bulk item is checked.
 */
final class OutboxStore {

    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
    private static final int MAX_ROUNDS = 5;

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;

    OutboxStore(Documents docs, BulkWriter bulk, IndexNames names) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
    }

    Optional<VersionedDoc<OutboxDoc>> get(String id) {
        return docs.get(names.outbox(), id, OutboxDoc.class);
    }

    /**
     * Applies {@code change} to the current version of every id and writes what it returns.
     *
     * @param known     versions the caller read already (e.g. from a search); the others are read with one multi-get
     * @param change    (id, current document or null) → the next document, or null to leave it as it is
     * @param alongside more operations for the first request (delivery log entries); failures there are logged, not thrown
     * @return the written document per id; ids left as they were are absent
     * @throws HubException retryable when Elasticsearch failed an item or an item kept changing; the
     *                      items written before that stay written
     */
    Map<String, OutboxDoc> apply(Collection<String> ids, Map<String, VersionedDoc<OutboxDoc>> known,
                                 BiFunction<String, OutboxDoc, OutboxDoc> change, List<BulkOperation> alongside) {
        Map<String, VersionedDoc<OutboxDoc>> current = new HashMap<>(known);
        Set<String> toRead = new LinkedHashSet<>(ids);
        toRead.removeAll(known.keySet());
        current.putAll(docs.mget(names.outbox(), toRead, OutboxDoc.class));
        Map<String, OutboxDoc> written = new LinkedHashMap<>();
        List<BulkOperation> extra = alongside;
        Collection<String> pending = ids;
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            List<String> opIds = new ArrayList<>();
            List<OutboxDoc> opDocs = new ArrayList<>();
            List<BulkOperation> ops = new ArrayList<>();
            for (String id : pending) {
                VersionedDoc<OutboxDoc> cur = current.get(id);
                OutboxDoc next = change.apply(id, cur == null ? null : cur.source());
                if (next != null) {
                    opIds.add(id);
                    opDocs.add(next);
                    ops.add(write(id, cur, next));
                }
            }
            int outboxOps = ops.size();
            ops.addAll(extra);
            extra = List.of();
            List<BulkItemResult> results = bulk.execute(ops, false);
            List<String> conflicts = new ArrayList<>();
            int failed = 0;
            for (BulkItemResult r : results) {
                if (r.position() >= outboxOps) {
                    if (!r.ok()) {
                        log.warn("A delivery log entry was not stored: {}", r.errorType());
                    }
                } else if (r.ok()) {
                    written.put(opIds.get(r.position()), opDocs.get(r.position()));
                } else if (r.conflict()) {
                    conflicts.add(opIds.get(r.position()));
                } else {
                    // Elasticsearch's reason can quote field values (personal data): DEBUG only.
                    log.debug("Outbox write of {} failed: {}", opIds.get(r.position()), r.reason());
                    failed++;
                }
            }
            if (failed > 0) {
                throw HubException.retryable(failed + " of " + outboxOps + " outbox writes failed", null);
            }
            if (conflicts.isEmpty()) {
                return written;
            }
            conflicts.forEach(current::remove);
            current.putAll(docs.mget(names.outbox(), conflicts, OutboxDoc.class));
            pending = conflicts;
        }
        throw HubException.retryable("Outbox items kept changing while being written; try again", null);
    }

    private BulkOperation write(String id, VersionedDoc<OutboxDoc> cur, OutboxDoc next) {
        if (cur == null) {
            return BulkOperation.of(b -> b.create(c -> c.index(names.outbox()).id(id).document(next)));
        }
        return BulkOperation.of(b -> b.index(i -> i.index(names.outbox()).id(id).document(next)
                .ifSeqNo(cur.seqNo()).ifPrimaryTerm(cur.primaryTerm())));
    }
}

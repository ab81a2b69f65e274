package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import java.util.List;
import java.util.Map;

/**
 * Deletes every document matching a query, a page at a time: a point-in-time walk for their ids, then a
 * bulk of conditional deletes, every item checked. Not delete-by-query, which the embedded node lacks (it
 * has no reindex module). Conditional, so a document that changed after the walk read it stays (and is
 * counted); one another node deleted first is not found, which is no failure.
 */
public final class ScanDeletes {

    private static final List<String> NO_SOURCE = List.of("*");
    private static final int PAGE_SIZE = 1000;

    private final PointInTimeScan scan;
    private final BulkWriter bulk;

    public ScanDeletes(ElasticsearchClient client) {
        this(new PointInTimeScan(client), new BulkWriter(client));
    }

    public ScanDeletes(PointInTimeScan scan, BulkWriter bulk) {
        this.scan = scan;
        this.bulk = bulk;
    }

    /**
     * What one walk deleted.
     *
     * @param conflicts  documents left because they changed after the walk read them
     * @param failed     documents Elasticsearch could not delete (neither gone already nor changed)
     * @param firstError the error type of the first of them, null when none failed
     */
    public record Counts(long deleted, long conflicts, long failed, String firstError) {
    }

    public Counts deleteMatching(String index, Query query) {
        long[] deleted = {0};
        long[] conflicts = {0};
        long[] failed = {0};
        String[] firstError = {null};
        scan.scan(index, query, NO_SOURCE, PAGE_SIZE, Map.class, page -> {
            List<BulkOperation> deletes = page.stream().map(d -> BulkOperation.of(o -> o.delete(x -> x
                    .index(index).id(d.id()).ifSeqNo(d.seqNo()).ifPrimaryTerm(d.primaryTerm())))).toList();
            for (BulkItemResult r : bulk.execute(deletes, false)) {
                if (r.ok()) {
                    deleted[0]++;
                } else if (r.conflict()) {
                    conflicts[0]++;
                } else if (r.status() != 404) {
                    failed[0]++;
                    firstError[0] = firstError[0] == null ? r.errorType() : firstError[0];
                }
            }
        });
        return new Counts(deleted[0], conflicts[0], failed[0], firstError[0]);
    }
}

package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks every document matching a query, a page at a time, over a point-in-time with
 * {@code search_after}: a consistent view (as of the walk's start) however long the walk takes, memory
 * bounded by the page, and
 * each hit with the {@code seq_no}/{@code primary_term} a conditional write back needs.
 */
public final class PointInTimeScan {

    private static final Logger log = LoggerFactory.getLogger(PointInTimeScan.class);
    private static final String KEEP_ALIVE = "2m";

    private final ElasticsearchClient client;

    public PointInTimeScan(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * Hands each page to {@code pages} in turn; a page is processed before the next is read.
     *
     * @param query    null for all documents
     * @param excludes source fields not to fetch (none when empty)
     * @return how many documents were handed over
     */
    public <T> long scan(String index, Query query, List<String> excludes, int pageSize, Class<T> type,
                         Consumer<List<VersionedDoc<T>>> pages) {
        // A point-in-time sees what the last refresh made searchable: without this, a write acknowledged a
        // moment ago (the previous sweep's, the ingest path's) is read in its old version.
        Documents.call(() -> client.indices().refresh(r -> r.index(index)), index);
        String pit = Documents.call(() -> client.openPointInTime(o -> o.index(index).keepAlive(k -> k.time(KEEP_ALIVE))),
                index).id();
        long total = 0;
        try {
            List<FieldValue> after = null;
            while (true) {
                String pitId = pit;
                List<FieldValue> searchAfter = after;
                SearchResponse<T> r = Documents.call(() -> client.search(s -> {
                    s.pit(p -> p.id(pitId).keepAlive(k -> k.time(KEEP_ALIVE)))
                            .size(pageSize)
                            .seqNoPrimaryTerm(true)
                            .trackTotalHits(t -> t.enabled(false))
                            .sort(o -> o.field(f -> f.field("_shard_doc").order(SortOrder.Asc)));
                    if (query != null) {
                        s.query(query);
                    }
                    if (!excludes.isEmpty()) {
                        s.source(src -> src.filter(f -> f.excludes(excludes)));
                    }
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, type), index);
                if (r.pitId() != null) {
                    pit = r.pitId();
                }
                List<Hit<T>> hits = r.hits().hits();
                if (hits.isEmpty()) {
                    break;
                }
                List<VersionedDoc<T>> page = new ArrayList<>(hits.size());
                for (Hit<T> h : hits) {
                    page.add(new VersionedDoc<>(h.id(), h.source(), nz(h.seqNo()), nz(h.primaryTerm())));
                }
                total += page.size();
                pages.accept(page);
                if (hits.size() < pageSize) {
                    break;
                }
                after = hits.get(hits.size() - 1).sort();
            }
        } finally {
            close(pit);
        }
        return total;
    }

    private void close(String pit) {
        try {
            client.closePointInTime(c -> c.id(pit));
        } catch (IOException | RuntimeException e) {
            // It expires by itself after its keep-alive.
            log.debug("Could not close a point-in-time: {}", e.toString());
        }
    }

    private static long nz(Long v) {
        return v == null ? -1 : v;
    }
}

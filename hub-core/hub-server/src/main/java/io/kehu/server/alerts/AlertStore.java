package io.kehu.server.alerts;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.HubException;
import io.kehu.search.AlertDoc;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alerts in Elasticsearch, one document per cause. */
public final class AlertStore {

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;

    public AlertStore(Documents docs, BulkWriter bulk, IndexNames names) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
    }

    /**
     * Records each alert unless its cause was recorded before, by this node or another.
     *
     * @return the alerts recorded now; those already known are left out
     */
    List<AlertDoc> createIfAbsent(List<AlertDoc> alerts) {
        List<BulkOperation> ops = alerts.stream().map(a -> BulkOperation.of(b -> b.create(c -> c
                .index(names.alerts()).id(a.id()).document(a)))).toList();
        List<BulkItemResult> results = bulk.execute(ops, false);
        List<AlertDoc> created = new ArrayList<>();
        for (BulkItemResult r : results) {
            if (r.ok()) {
                created.add(alerts.get(r.position()));
            } else if (!r.conflict()) {
                throw HubException.retryable("Could not record an alert: " + r.errorType(), null);
            }
        }
        return created;
    }

    Optional<AlertDoc> get(String id) {
        return docs.get(names.alerts(), id, AlertDoc.class).map(VersionedDoc::source);
    }

    void save(AlertDoc alert) {
        docs.put(names.alerts(), alert.id(), alert, false);
    }

    /** Newest first, optionally only one status or kind. */
    public SearchPage<AlertDoc> recent(String status, String kind, int from, int size) {
        BoolQuery.Builder q = new BoolQuery.Builder();
        if (status != null && !status.isBlank()) {
            q.filter(f -> f.term(t -> t.field("status").value(status)));
        }
        if (kind != null && !kind.isBlank()) {
            q.filter(f -> f.term(t -> t.field("kind").value(kind)));
        }
        BoolQuery query = q.build();
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.alerts())
                .query(x -> x.bool(query)).from(from).size(size)
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), AlertDoc.class), names.alerts());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }

    /** Alerts still pending that nobody touched since {@code before}: their node stopped mid-delivery. */
    List<AlertDoc> stalePending(Instant before, int max) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.alerts()).size(max)
                .query(x -> x.bool(b -> b.filter(f -> f.term(t -> t.field("status").value(AlertDoc.PENDING)))
                        .filter(f -> f.range(g -> g.date(d -> d.field("updatedAt").lt(before.toString()))))))
                .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc))), AlertDoc.class), names.alerts());
        return r.hits().hits().stream().map(Hit::source).toList();
    }
}

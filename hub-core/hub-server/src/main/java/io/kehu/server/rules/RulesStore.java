package io.kehu.server.rules;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.RulesVersionDoc;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The versions of one kind of rules accepted through the API, one document per version, in an index of its own. */
public final class RulesStore {

    private final Documents docs;
    private final BulkWriter bulk;
    private final String index;

    /** @param index {@link IndexNames#lifecycleRules()} or {@link IndexNames#routingRules()} */
    public RulesStore(Documents docs, BulkWriter bulk, String index) {
        this.docs = docs;
        this.bulk = bulk;
        this.index = index;
    }

    public Optional<RulesVersionDoc> get(int version) {
        return docs.get(index, RulesVersionDoc.id(version), RulesVersionDoc.class)
                .map(VersionedDoc::source);
    }

    /**
     * Stores a version unless one with its number exists.
     *
     * @return false when the number was taken, by another request or another hub node
     */
    public boolean createIfAbsent(RulesVersionDoc doc) {
        // Waits for the refresh: the versions list read right after a change must show it.
        BulkItemResult r = bulk.execute(List.of(BulkOperation.of(b -> b.create(c -> c.index(index)
                .id(RulesVersionDoc.id(doc.version())).document(doc)))), true).get(0);
        if (r.conflict()) {
            return false;
        }
        if (!r.ok()) {
            throw HubException.retryable("Could not store rules version " + doc.version() + ": "
                    + r.errorType(), null);
        }
        return true;
    }

    public OptionalInt highestVersion() {
        List<RulesVersionDoc> newest = newestFirst(0, 1, false).items();
        return newest.isEmpty() ? OptionalInt.empty() : OptionalInt.of(newest.get(0).version());
    }

    /** Versions, newest first; without their YAML unless {@code withYaml}. */
    public SearchPage<RulesVersionDoc> newestFirst(int from, int size, boolean withYaml) {
        var r = Documents.call(() -> docs.client().search(s -> {
            s.index(index).from(from).size(size)
                    .trackTotalHits(t -> t.enabled(true))
                    .sort(o -> o.field(f -> f.field("version").order(SortOrder.Desc)));
            if (!withYaml) {
                s.source(src -> src.filter(f -> f.excludes("yaml")));
            }
            return s;
        }, RulesVersionDoc.class), index);
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }
}

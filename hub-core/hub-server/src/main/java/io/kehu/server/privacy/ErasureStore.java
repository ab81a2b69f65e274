package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.Documents;
import io.kehu.search.ErasureDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.search.VersionedDoc;
import java.util.Optional;

/** The erasure records: one per erased profile, written as the erasure goes, listed newest first. */
public final class ErasureStore {

    private final Documents docs;
    private final IndexNames names;

    public ErasureStore(Documents docs, IndexNames names) {
        this.docs = docs;
        this.names = names;
    }

    public Optional<ErasureDoc> ofProfile(String profileId) {
        return docs.get(names.erasures(), ErasureDoc.idOf(profileId), ErasureDoc.class).map(VersionedDoc::source);
    }

    /** Refreshed, so the list shows it at once. */
    public void put(ErasureDoc doc) {
        docs.put(names.erasures(), doc.id(), doc, true);
    }

    public SearchPage<ErasureDoc> list(int from, int size) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.erasures())
                .from(Math.max(0, from)).size(Math.min(Math.max(size, 1), 200))
                .trackTotalHits(t -> t.enabled(true))
                .sort(o -> o.field(f -> f.field("requestedAt").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), ErasureDoc.class), names.erasures());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }
}

package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.DeliveryLogDoc;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import java.util.UUID;

/** What was sent where, when, and the answer: one entry per attempt per lead. */
public final class DeliveryLog {

    private final Documents docs;
    private final IndexNames names;

    DeliveryLog(Documents docs, IndexNames names) {
        this.docs = docs;
        this.names = names;
    }

    /** The write of one entry, for the bulk request that stores the attempt's outcome. */
    BulkOperation entry(DeliveryLogDoc doc) {
        String id = doc.destination() + ":" + doc.profileId() + ":" + UUID.randomUUID();
        return BulkOperation.of(b -> b.index(i -> i.index(names.deliveries()).id(id).document(doc)));
    }

    /** A profile's attempts, newest first. */
    public SearchPage<DeliveryLogDoc> ofProfile(String profileId, int from, int size) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.deliveries())
                .query(q -> q.term(t -> t.field("profileId").value(profileId)))
                .from(Math.max(0, from)).size(Math.min(Math.max(size, 1), 200))
                .sort(o -> o.field(f -> f.field("at").order(SortOrder.Desc)))
                .sort(o -> o.field(f -> f.field("attempt").order(SortOrder.Desc))), DeliveryLogDoc.class), names.deliveries());
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        return new SearchPage<>(total, r.hits().hits().stream().map(Hit::source).toList());
    }
}

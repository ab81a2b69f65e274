package io.kehu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.testing.TestElasticsearch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multi-gets through the low-level client against the real node, on the hub's own claim mapping. */
class DocumentsIT {

    private static final Instant AT = Instant.parse("2026-11-23T03:00:00Z");

    private Documents docs;
    private BulkWriter bulk;
    private IndexNames names;

    @BeforeEach
    void freshIndices() {
        ElasticsearchClient es = TestElasticsearch.client();
        names = new IndexNames(TestElasticsearch.indexPrefix(DocumentsIT.class) + System.nanoTime() + "-");
        new IndexManager(es, names).ensureIndices();
        docs = new Documents(es);
        bulk = new BulkWriter(es);
    }

    @Test
    void findsWhatExistsWithItsVersionWithoutARefreshAndLeavesMissingIdsOut() {
        IdentifierDoc claim = new IdentifierDoc("phone:+8613912345678", "phone", "p-1", "sheets", "f:2", AT);
        bulk.executeAll(List.of(BulkOperation.of(o -> o.create(c -> c.index(names.identifiers()).id(claim.key()).document(claim)))),
                false, "claim");

        Map<String, VersionedDoc<IdentifierDoc>> found = docs.mget(names.identifiers(),
                List.of("email:nobody@corp.cn", claim.key()), IdentifierDoc.class);

        assertThat(found).containsOnlyKeys(claim.key());
        VersionedDoc<IdentifierDoc> doc = found.get(claim.key());
        assertThat(doc.source()).isEqualTo(claim);
        assertThat(doc.seqNo()).isNotNegative();
        assertThat(doc.primaryTerm()).isPositive();
    }

    @Test
    void readsNothingForNoIds() {
        assertThat(docs.mget(names.identifiers(), List.of(), IdentifierDoc.class)).isEmpty();
    }

    @Test
    void aMissingIndexIsRetryableAndNamedByItsErrorType() {
        assertThatThrownBy(() -> docs.mget(names.alias("nonexistent"), List.of("x"), IdentifierDoc.class))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("index_not_found_exception");
    }
}

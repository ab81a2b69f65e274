package io.kehu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.testing.TestElasticsearch;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk writes through the low-level client, against the real node: every item's outcome, in order. */
class BulkWriterIT {

    private static final String PREFIX = TestElasticsearch.indexPrefix(BulkWriterIT.class);
    private static final Instant AT = Instant.parse("2026-11-23T03:00:00.123Z");

    private ElasticsearchClient es;
    private BulkWriter bulk;
    private Documents docs;
    private String index;

    @BeforeEach
    void freshIndex() throws IOException {
        es = TestElasticsearch.client();
        bulk = new BulkWriter(es);
        docs = new Documents(es);
        index = PREFIX + System.nanoTime();
        // Strict like the hub's own indices, so a document with an unknown field is refused item by item.
        es.indices().create(c -> c.index(index).withJson(new StringReader(
                "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{\"scope\":{\"type\":\"keyword\"},"
                        + "\"key\":{\"type\":\"keyword\"},\"value\":{\"type\":\"keyword\"},\"updatedAt\":{\"type\":\"date\"}}}}")));
    }

    @Test
    void reportsEachItemsOutcomeInTheOrderOfTheOperations() {
        bulk.executeAll(List.of(create("a", "first"), create("b", "first")), false, "setup");
        VersionedDoc<StateDoc> b = docs.mget(index, List.of("b"), StateDoc.class).get("b");

        List<BulkItemResult> results = bulk.execute(List.of(
                create("c", "new"),
                create("a", "claimed again"),
                BulkOperation.of(o -> o.index(x -> x.index(index).id("b").document(doc("b", "stale"))
                        .ifSeqNo(b.seqNo() + 5).ifPrimaryTerm(b.primaryTerm()))),
                BulkOperation.of(o -> o.index(x -> x.index(index).id("b").document(doc("b", "current"))
                        .ifSeqNo(b.seqNo()).ifPrimaryTerm(b.primaryTerm()))),
                BulkOperation.of(o -> o.index(x -> x.index(index).id("d").document(Map.of("unmapped", "13912345678")))),
                BulkOperation.of(o -> o.delete(d -> d.index(index).id("c")))), false);

        assertThat(results).extracting(BulkItemResult::position).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(results).extracting(BulkItemResult::id).containsExactly("c", "a", "b", "b", "d", "c");
        assertThat(results).extracting(BulkItemResult::status).containsExactly(201, 409, 409, 200, 400, 200);
        assertThat(results).extracting(BulkItemResult::ok).containsExactly(true, false, false, true, false, true);
        assertThat(results.get(1).errorType()).isEqualTo("version_conflict_engine_exception");
        assertThat(results.get(2).conflict()).isTrue();
        assertThat(results.get(4).errorType()).isEqualTo("strict_dynamic_mapping_exception");
        assertThat(results.get(4).retryable()).isFalse();
        assertThat(docs.mget(index, List.of("a", "b", "c"), StateDoc.class)).containsOnlyKeys("a", "b");
        assertThat(docs.mget(index, List.of("b"), StateDoc.class).get("b").source().value()).isEqualTo("current");
    }

    @Test
    void writesDocumentsAsTheTypedClientWouldAndReadsThemBack() {
        StateDoc written = new StateDoc("scope", "键 \"quoted\"\n", "值 ✓", AT);

        bulk.executeAll(List.of(BulkOperation.of(o -> o.index(x -> x.index(index).id("k").document(written)))), true, "state");

        assertThat(docs.mget(index, List.of("k"), StateDoc.class).get("k").source()).isEqualTo(written);
        assertThat(docs.get(index, "k", StateDoc.class).orElseThrow().source()).isEqualTo(written);
    }

    @Test
    void appliesAPartialUpdateOnlyAtTheVersionItWasReadAt() {
        bulk.executeAll(List.of(create("u", "before")), false, "setup");
        VersionedDoc<StateDoc> read = docs.get(index, "u", StateDoc.class).orElseThrow();

        List<BulkItemResult> results = bulk.execute(List.of(
                BulkOperation.of(o -> o.update(u -> u.index(index).id("u").ifSeqNo(read.seqNo())
                        .ifPrimaryTerm(read.primaryTerm()).action(a -> a.doc(Map.of("value", "after"))))),
                BulkOperation.of(o -> o.update(u -> u.index(index).id("u").ifSeqNo(read.seqNo())
                        .ifPrimaryTerm(read.primaryTerm()).action(a -> a.doc(Map.of("value", "stale")))))), false);

        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).conflict()).isTrue();
        StateDoc after = docs.get(index, "u", StateDoc.class).orElseThrow().source();
        assertThat(after.value()).isEqualTo("after");
        assertThat(after.scope()).isEqualTo("test");
    }

    @Test
    void refreshesWhenAskedSoTheWriteIsSearchable() throws IOException {
        bulk.executeAll(List.of(create("s", "searchable")), true, "state");

        assertThat(es.count(c -> c.index(index).query(q -> q.term(t -> t.field("value").value("searchable")))).count())
                .isEqualTo(1);
    }

    @Test
    void executeAllNamesTheFirstErrorTypeButNeverTheReasonWhichCanQuoteTheValue() {
        List<BulkOperation> ops = List.of(create("ok", "fine"),
                BulkOperation.of(o -> o.index(x -> x.index(index).id("bad").document(Map.of("phone", "13912345678")))));

        assertThatThrownBy(() -> bulk.executeAll(ops, false, "state"))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("1 of 2 state writes failed, first: strict_dynamic_mapping_exception")
                .hasMessageNotContaining("13912345678");
    }

    @Test
    void anItemForAnIndexThatCannotExistFailsOnItsOwn() {
        List<BulkItemResult> results = bulk.execute(List.of(create("ok", "fine"),
                BulkOperation.of(o -> o.index(x -> x.index("-not a valid index-").id("x").document(doc("x", "y"))))), false);

        assertThat(results).extracting(BulkItemResult::ok).containsExactly(true, false);
        assertThat(results.get(1).errorType()).isEqualTo("invalid_index_name_exception");
    }

    @Test
    void anUnreachableNodeIsRetryable() throws IOException {
        // Port 9 (discard) is closed on the test machine: the connection is refused at once.
        ElasticsearchClient unreachable = ElasticsearchClients.create(SearchConnection.of(URI.create("http://127.0.0.1:9")),
                new ObjectMapper());
        try {
            assertThatThrownBy(() -> new BulkWriter(unreachable).execute(List.of(create("x", "y")), false))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("Elasticsearch unavailable");
        } finally {
            unreachable._transport().close();
        }
    }

    private BulkOperation create(String id, String value) {
        StateDoc doc = doc(id, value);
        return BulkOperation.of(o -> o.create(c -> c.index(index).id(id).document(doc)));
    }

    private static StateDoc doc(String key, String value) {
        return new StateDoc("test", key, value, AT);
    }
}

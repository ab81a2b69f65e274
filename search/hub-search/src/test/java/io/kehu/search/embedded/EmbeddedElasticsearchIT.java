package io.kehu.search.embedded;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.analyze.AnalyzeToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.api.HubException;
import io.kehu.search.ElasticsearchClients;
import io.kehu.search.SearchConnection;
import io.kehu.search.testing.TestElasticsearch;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedElasticsearchIT {

    private static final String PREFIX = TestElasticsearch.indexPrefix(EmbeddedElasticsearchIT.class);

    /** What the tests index: Jackson maps it, java.time included, through the hub's client factory. */
    record Contact(String name, String city, Instant firstSeen) {}

    @Test
    void answersInfoAndPingAsElasticsearch8_19_21() throws IOException {
        ElasticsearchClient es = TestElasticsearch.client();

        InfoResponse info = es.info();

        assertThat(info.version().number()).isEqualTo("8.19.21");
        assertThat(info.version().luceneVersion()).isEqualTo("9.12.2");
        assertThat(info.clusterName()).isEqualTo("kehu-hub");
        assertThat(info.name()).isEqualTo("kehu-test");
        assertThat(info.clusterUuid()).isNotBlank();
        assertThat(info.tagline()).isEqualTo("You Know, for Search");
        assertThat(es.ping().value()).isTrue();
    }

    @Test
    void cjkAnalyzerSplitsChineseIntoBigrams() throws IOException {
        var tokens = TestElasticsearch.client().indices().analyze(a -> a.analyzer("cjk").text("北京大学生")).tokens();

        assertThat(tokens).extracting(AnalyzeToken::token).containsExactly("北京", "京大", "大学", "学生");
    }

    @Test
    void cjkFiltersFoldWidthAndBigramAfterAnyTokenizer() throws IOException {
        var tokens = TestElasticsearch.client().indices()
            .analyze(a -> a.tokenizer(t -> t.name("standard")).filter(f -> f.name("cjk_width")).filter(f -> f.name("cjk_bigram")).text("ＡＢＣ 東京都"))
            .tokens();

        assertThat(tokens).extracting(AnalyzeToken::token).containsExactly("ABC", "東京", "京都");
    }

    @Test
    void indexesGetsAndSearchesAChineseDocument() throws IOException {
        ElasticsearchClient es = TestElasticsearch.client();
        String index = PREFIX + "contacts";
        es.indices().create(c -> c.index(index)
            .settings(s -> s.numberOfReplicas("0"))
            .mappings(m -> m.properties("name", p -> p.text(t -> t.analyzer("cjk"))).properties("city", p -> p.keyword(k -> k))));
        Contact wang = new Contact("王小明 北京大学生", "北京", Instant.parse("2025-03-01T08:00:00Z"));

        es.index(i -> i.index(index).id("c1").document(wang).refresh(Refresh.True));

        GetResponse<Contact> got = es.get(g -> g.index(index).id("c1"), Contact.class);
        assertThat(got.found()).isTrue();
        assertThat(got.source()).isEqualTo(wang);
        SearchResponse<Contact> found = es.search(s -> s.index(index).query(q -> q.match(m -> m.field("name").query("大学"))), Contact.class);
        assertThat(found.hits().hits()).extracting(Hit::id).containsExactly("c1");
        SearchResponse<Contact> other = es.search(s -> s.index(index).query(q -> q.match(m -> m.field("name").query("上海"))), Contact.class);
        assertThat(other.hits().hits()).isEmpty();
    }

    @Test
    void keepsIndexedDataAcrossRestarts() throws IOException {
        Path dataDir = TestElasticsearch.newTestDir().resolve("data");
        Contact li = new Contact("李雷", "上海", Instant.parse("2024-12-24T10:15:30Z"));
        try (EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), dataDir).build()) {
            try (ElasticsearchClient es = client(node.start())) {
                es.indices().create(c -> c.index("contacts").settings(s -> s.numberOfReplicas("0")));
                es.index(i -> i.index("contacts").id("li").document(li).refresh(Refresh.True));
            }
            node.close();
            assertThat(node.isRunning()).isFalse();

            try (ElasticsearchClient es = client(node.start())) {
                GetResponse<Contact> got = es.get(g -> g.index("contacts").id("li"), Contact.class);
                assertThat(got.found()).isTrue();
                assertThat(got.source()).isEqualTo(li);
            }
        }
    }

    @Test
    void closeEndsTheChildProcessAndItsHttpPort() throws Exception {
        Path dataDir = TestElasticsearch.newTestDir().resolve("data");
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), dataDir).build();
        URI uri = node.start();
        ProcessHandle child = node.process().orElseThrow();
        assertThat(child.isAlive()).isTrue();
        assertThat(dataDir.resolve(EmbeddedElasticsearch.HTTP_URL_FILE)).hasContent(uri.toString());

        node.close();

        assertThat(child.isAlive()).isFalse();
        assertThat(node.process()).isEmpty();
        // The node deletes its URL file when it stops cleanly, so nobody is sent to a dead port.
        assertThat(dataDir.resolve(EmbeddedElasticsearch.HTTP_URL_FILE)).doesNotExist();
        HttpRequest get = HttpRequest.newBuilder(uri).GET().build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.discarding()))
            .isInstanceOf(ConnectException.class);
        assertThat(node.logFile()).content().contains("KEHU_ES_READY " + uri, "Elasticsearch node [kehu-es] stopped");
    }

    @Test
    void refusesASecondNodeOnADataDirInUse() {
        Path dataDir = TestElasticsearch.newTestDir().resolve("data");
        try (EmbeddedElasticsearch first = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), dataDir).build();
             EmbeddedElasticsearch second = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), dataDir)
                 .logFile(dataDir.resolveSibling("logs").resolve("second.log")).build()) {
            URI uri = first.start();

            assertThatThrownBy(second::start)
                .isInstanceOf(HubException.class)
                .hasMessageContaining("data dir " + dataDir + " is in use by the running node at " + uri);
            assertThat(second.isRunning()).isFalse();
            assertThat(first.isRunning()).isTrue();
            // The second attempt must not have taken the first node's URL file for a stale one.
            assertThat(dataDir.resolve(EmbeddedElasticsearch.HTTP_URL_FILE)).hasContent(uri.toString());
        }
    }

    @Test
    void reportsATakenPortWithTheCauseFromTheNodeLog() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), TestElasticsearch.newTestDir().resolve("data"))
                 .httpPort(taken.getLocalPort()).build()) {

            assertThatThrownBy(node::start)
                .isInstanceOf(HubException.class)
                .hasMessageContaining("exited during start-up with code 1")
                .hasMessageContaining("Failed to bind to 127.0.0.1:" + taken.getLocalPort());
            assertThat(node.isRunning()).isFalse();
        }
    }

    private static ElasticsearchClient client(URI uri) {
        return ElasticsearchClients.create(SearchConnection.of(uri), new ObjectMapper());
    }
}

package io.kehu.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kehu.api.HubException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The requests our client sends, checked on a real local HTTP(S) server that answers {@code GET /} like Elasticsearch.
 * The embedded node runs without security, so it cannot tell us which credentials arrived.
 */
class ElasticsearchClientsTest {

    private static final String INFO = """
        {"name":"n1","cluster_name":"c1","cluster_uuid":"u1","tagline":"You Know, for Search",
         "version":{"number":"8.19.21","build_flavor":"default","build_type":"tar","build_hash":"h","build_date":"d",
          "build_snapshot":false,"lucene_version":"9.12.2","minimum_wire_compatibility_version":"7.17.0",
          "minimum_index_compatibility_version":"7.0.0"}}""";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, String> received = new ConcurrentHashMap<>();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void sendsBasicCredentialsWithEveryRequest() throws IOException {
        URI uri = startHttp();
        var connection = new SearchConnection(List.of(uri), "hub", "s3cret-pw", null, null, false);

        try (ElasticsearchClient client = ElasticsearchClients.create(connection, new ObjectMapper())) {
            assertThat(client.info().clusterName()).isEqualTo("c1");
        }

        String expected = Base64.getEncoder().encodeToString("hub:s3cret-pw".getBytes(StandardCharsets.UTF_8));
        assertThat(received).containsEntry("authorization", "Basic " + expected).containsEntry("path", "/");
    }

    @Test
    void sendsTheApiKeyAndKeepsTheUriPath() throws IOException {
        URI uri = startHttp().resolve("/es");
        var connection = new SearchConnection(List.of(uri), null, null, "a2V5LWlkOmtleS1zZWNyZXQ=", null, false);

        try (ElasticsearchClient client = ElasticsearchClients.create(connection, new ObjectMapper())) {
            assertThat(client.ping().value()).isTrue();
        }

        assertThat(received).containsEntry("authorization", "ApiKey a2V5LWlkOmtleS1zZWNyZXQ=").containsEntry("path", "/es/");
    }

    @Test
    void failuresNeverShowTheSecrets() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var connection = new SearchConnection(List.of(URI.create("http://127.0.0.1:" + closedPort)), "hub", "s3cret-pw", null, null, false);
        String encoded = Base64.getEncoder().encodeToString("hub:s3cret-pw".getBytes(StandardCharsets.UTF_8));

        try (ElasticsearchClient client = ElasticsearchClients.create(connection, new ObjectMapper())) {
            assertThatThrownBy(client::info).satisfies(e -> assertNoSecretIn(e, "s3cret-pw", encoded));
        }
        assertThat(connection.toString()).doesNotContain("s3cret-pw");
    }

    @Test
    void trustsTheCaCertificateOfAPemFileAndOnlyThat() throws Exception {
        URI uri = startHttps();
        Path pem = tmp.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "es", "-keystore", tmp.resolve("node.p12").toString(), "-storepass", "changeit",
            "-file", pem.toString());

        try (ElasticsearchClient trusting = ElasticsearchClients.create(
                new SearchConnection(List.of(uri), null, null, null, pem, false), new ObjectMapper());
             ElasticsearchClient defaults = ElasticsearchClients.create(SearchConnection.of(uri), new ObjectMapper());
             ElasticsearchClient insecure = ElasticsearchClients.create(
                new SearchConnection(List.of(uri), null, null, null, null, true), new ObjectMapper())) {
            assertThat(trusting.info().name()).isEqualTo("n1");
            assertThatThrownBy(defaults::info).satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
            assertThat(insecure.info().name()).isEqualTo("n1");
        }
    }

    @Test
    void aBrokenCaFileIsAConfigurationError() throws IOException {
        Path pem = Files.writeString(tmp.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        var connection = new SearchConnection(List.of(URI.create("https://es1:9200")), "hub", "s3cret-pw", null, pem, false);

        assertThatThrownBy(() -> ElasticsearchClients.create(connection, new ObjectMapper()))
            .isInstanceOf(HubException.class)
            .hasMessageContaining("Cannot read the Elasticsearch CA certificate " + pem)
            .hasMessageNotContaining("s3cret-pw")
            .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.CONFIGURATION));
    }

    @Test
    void writesJavaTimeAsIsoStringsWithoutChangingTheCallersMapper() throws IOException {
        ObjectMapper hubMapper = new ObjectMapper();

        try (ElasticsearchClient client = ElasticsearchClients.create(SearchConnection.of(URI.create("http://127.0.0.1:9")), hubMapper)) {
            ObjectMapper used = ((JacksonJsonpMapper) client._jsonpMapper()).objectMapper();
            assertThat(used.writeValueAsString(Instant.parse("2025-03-01T08:00:00Z"))).isEqualTo("\"2025-03-01T08:00:00Z\"");
        }
        assertThat(hubMapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isTrue();
        assertThat(hubMapper.getRegisteredModuleIds()).isEmpty();
    }

    private URI startHttp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        return serve(server, "http");
    }

    private URI startHttps() throws Exception {
        Path keystore = tmp.resolve("node.p12");
        keytool("-genkeypair", "-alias", "es", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
            "-ext", "san=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(), "-storetype", "PKCS12",
            "-storepass", "changeit", "-keypass", "changeit");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
        return serve(https, "https");
    }

    private URI serve(HttpServer http, String scheme) {
        http.createContext("/", this::answerInfo);
        http.start();
        return URI.create(scheme + "://127.0.0.1:" + http.getAddress().getPort());
    }

    private void answerInfo(HttpExchange exchange) throws IOException {
        received.put("path", exchange.getRequestURI().getPath());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            received.put("authorization", authorization);
        }
        byte[] body = INFO.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-elastic-product", "Elasticsearch");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static void assertNoSecretIn(Throwable e, String... secrets) {
        for (Throwable t : causes(e)) {
            for (String secret : secrets) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                assertThat(t.toString()).doesNotContain(secret);
            }
        }
    }
}

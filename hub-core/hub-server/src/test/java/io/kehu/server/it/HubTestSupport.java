package io.kehu.server.it;

import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.HubApplication;
import io.kehu.server.security.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs the whole hub on a random port against the shared embedded Elasticsearch node, with its
 * own index prefix, data folder and plugins folder per test class, and three API keys.
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HubTestSupport {

    static final String ADMIN_KEY = "test-admin-key-7f3a";
    static final String INTEGRATOR_KEY = "test-integrator-key-91bc";
    static final String SALES_KEY = "test-sales-key-02de";

    @Autowired
    TestRestTemplate rest;

    /** Registers the properties of a test class; {@code plugins} is filled by the caller first. */
    static void hubProperties(DynamicPropertyRegistry registry, Class<?> testClass, Path root) {
        try {
            Files.createDirectories(root.resolve("plugins"));
            Files.createDirectories(root.resolve("connectors"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.search.uris", () -> TestElasticsearch.uri().toString());
        registry.add("hub.search.index-prefix", () -> TestElasticsearch.indexPrefix(testClass));
        registry.add("hub.data-dir", () -> root.resolve("data").toString());
        registry.add("hub.plugins.dir", () -> root.resolve("plugins").toString());
        registry.add("hub.connectors.dir", () -> root.resolve("connectors").toString());
        registry.add("hub.ingest.refresh", () -> "true");
        // As config/application.yml does: the tests run without it.
        registry.add("management.endpoints.web.exposure.include", () -> "health,prometheus");
        registry.add("hub.security.api-keys", () -> String.join(",",
                "admin:admin:" + hash(ADMIN_KEY), "ivan:integrator:" + hash(INTEGRATOR_KEY), "sara:sales:" + hash(SALES_KEY)));
    }

    static String hash(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key));
    }

    static Path tempRoot(String name) {
        try {
            return Files.createTempDirectory("kehu-it-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls the hub with an API key ({@code null} for none); {@code path} must be URL-encoded already. */
    <T> ResponseEntity<T> call(HttpMethod method, String path, String key, Object body, Class<T> type) {
        HttpHeaders h = new HttpHeaders();
        if (key != null) {
            h.set("X-API-Key", key);
        }
        if (body != null && !(body instanceof org.springframework.util.MultiValueMap)) {
            h.setContentType(MediaType.APPLICATION_JSON);
        } else if (body != null) {
            h.setContentType(MediaType.MULTIPART_FORM_DATA);
        }
        // An absolute URI is sent as it is: paths come pre-encoded (a '+' in a phone must stay %2B).
        return rest.exchange(java.net.URI.create(rest.getRootUri() + path), method, new HttpEntity<>(body, h), type);
    }
}

package io.kehu.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The WireMock CRM the {@code crm-test} destination plugin talks to, with its stubs from {@code wiremock/test-crm}. */
final class TestCrm {

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    TestCrm(String... stubs) {
        server.start();
        for (String stub : stubs) {
            server.addStubMapping(StubMapping.buildFrom(resource("/wiremock/test-crm/" + stub + ".json")));
        }
    }

    String url() {
        return server.baseUrl();
    }

    /**
     * A hub whose one destination {@code crm-a} ({@code crm-test} plugin, {@code batchSize} leads per call) takes
     * every opportunity, owned by Ana ({@code A-ana} there); routing runs only when woken, at most every second.
     */
    void oneDestinationHub(DynamicPropertyRegistry registry, Path root, int batchSize) throws IOException {
        oneDestinationFiles(root, "batchSize: " + batchSize);
        registry.add("hub.routing-file", () -> root.resolve("routing.yml").toString());
        registry.add("hub.routing.interval", () -> "0");
        registry.add("hub.routing.min-gap", () -> "1s");
    }

    /**
     * The plugin, instance and routing files of {@link #oneDestinationHub}, for a hub started outside the Spring test
     * context; {@code moreConfig} is added to {@code crm-a}'s config flow map, e.g. {@code batchSize: 1}.
     */
    void oneDestinationFiles(Path root, String moreConfig) throws IOException {
        Files.createDirectories(root.resolve("plugins"));
        Files.createDirectories(root.resolve("connectors"));
        TestPlugins.build(root.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        Files.writeString(root.resolve("connectors/crm-a.yml"), """
                id: crm-a
                type: crm-test
                config: { url: %s, apiKey: test-key, %s }
                """.formatted(url(), moreConfig));
        Files.writeString(root.resolve("routing.yml"), """
                version: 1
                owners:
                  - { id: ana, name: Ana, remoteIds: { crm-a: A-ana } }
                defaultAssignee: ana
                rules:
                  - id: opportunities
                    when: { stage: [opportunity] }
                    assignment: { strategy: roundRobin }
                    destinations:
                      - instance: crm-a
                        required: [LastName]
                        fields: { LastName: name, Email: emails, Stage: stage }
                """);
    }

    /** Upsert calls that carried this external id, oldest first. */
    List<LoggedRequest> upsertsOf(String externalId) {
        return upserts().stream().filter(r -> r.getBodyAsString().contains("\"externalId\":\"" + externalId + "\"")).toList();
    }

    List<LoggedRequest> upserts() {
        return server.findAll(postRequestedFor(urlEqualTo("/crm/leads/upsert"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    int sessions() {
        return server.findAll(postRequestedFor(urlEqualTo("/crm/session"))).size();
    }

    static String resource(String path) {
        try (InputStream in = TestCrm.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No stub " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

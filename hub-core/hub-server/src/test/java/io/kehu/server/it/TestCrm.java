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
import java.util.Comparator;
import java.util.List;

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

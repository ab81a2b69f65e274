package io.kehu.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * A WireMock CRM (or the adapter in front of one) that the real {@code webhook-out} plugin posts leads to at
 * {@code /leads}, with its stubs from {@code wiremock/webhook-out}. Bodies are the plugin's default:
 * {@code {"idempotencyKey", "profileId", "remoteId", "owner", "fields"}}.
 */
final class WebhookCrm {

    private static final ObjectMapper JSON = new ObjectMapper();

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    WebhookCrm(String... stubs) {
        server.start();
        for (String stub : stubs) {
            server.addStubMapping(StubMapping.buildFrom(TestCrm.resource("/wiremock/webhook-out/" + stub + ".json")));
        }
    }

    String leadsUrl() {
        return server.baseUrl() + "/leads";
    }

    /** Every lead posted so far, oldest first. */
    List<JsonNode> leads() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/leads"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).map(WebhookCrm::body).toList();
    }

    private static JsonNode body(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

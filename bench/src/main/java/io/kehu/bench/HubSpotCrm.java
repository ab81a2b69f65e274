package io.kehu.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A HubSpot account in WireMock, inside the benchmark's process: contact batch upserts
 * ({@code POST /crm/v3/objects/contacts/batch/upsert}, up to 100 inputs) answered in the shape of the plugin's
 * contract-test stubs, and HubSpot's per-10-second limit enforced: a call over it gets HubSpot's 429
 * {@code TEN_SECONDLY_ROLLING} body with {@code Retry-After} and the {@code X-HubSpot-RateLimit-*} headers, and is not
 * applied. Every call and every contact is recorded.
 */
final class HubSpotCrm implements AutoCloseable {

    static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";
    static final int MAX_INPUTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call as it arrived: {@code records} inputs, answered with {@code status}. */
    record Call(long arrivedNanos, int status, int records) {
    }

    /** One contact: how often it was upserted, and the owner it got. */
    record Contact(String hubSpotId, int upserts, String owner) {
    }

    private final RollingWindowLimit limit;
    private final int latencyMillis;
    private final String rateLimitBody;
    private final WireMockServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1001);

    /** @param latencyMillis how long each answer takes, as a real CRM's would; 0 answers at once */
    HubSpotCrm(RollingWindowLimit limit, int latencyMillis) {
        this.limit = limit;
        this.latencyMillis = latencyMillis;
        this.rateLimitBody = resource("crm/hubspot/rate-limit-ten-secondly.json");
        this.server = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(8)
                .disableRequestJournal().extensions(new Upserts()));
        server.start();
        server.stubFor(post(urlPathEqualTo(UPSERT)).willReturn(aResponse().withTransformers(Upserts.NAME)));
        server.stubFor(get(urlPathEqualTo("/crm/v3/objects/contacts")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"results\":[]}")));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    RollingWindowLimit limit() {
        return limit;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The contacts by the id value they were upserted with (the hub's key, {@code kehu-<profile id>}). */
    Map<String, Contact> contacts() {
        return Map.copyOf(contacts);
    }

    int contactCount() {
        return contacts.size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    /** Answers each upsert: refused over the limit, else every input created or updated and recorded. */
    private final class Upserts implements ResponseDefinitionTransformerV2 {

        static final String NAME = "hubspot-upserts";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            long now = System.nanoTime();
            long wait = limit.admit(now);
            if (wait > 0) {
                record(new Call(now, 429, 0));
                // Whole seconds, rounded up, as Retry-After is sent.
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                return answer(429, rateLimitBody)
                        .withHeader("Retry-After", Long.toString(seconds))
                        .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(limit.per().toMillis()))
                        .withHeader("X-HubSpot-RateLimit-Max", Integer.toString(limit.calls()))
                        .withHeader("X-HubSpot-RateLimit-Remaining", "0").build();
            }
            try {
                JsonNode inputs = JSON.readTree(event.getRequest().getBodyAsString()).path("inputs");
                if (!inputs.isArray() || inputs.isEmpty() || inputs.size() > MAX_INPUTS) {
                    record(new Call(now, 400, 0));
                    return answer(400, "{\"status\":\"error\",\"message\":\"inputs must hold 1 to " + MAX_INPUTS
                            + " contacts\",\"category\":\"VALIDATION_ERROR\"}").build();
                }
                String at = Instant.now().toString();
                ObjectNode body = JSON.createObjectNode().put("status", "COMPLETE");
                ArrayNode results = body.putArray("results");
                for (JsonNode input : inputs) {
                    results.add(upsert(input, at));
                }
                body.put("startedAt", at).put("completedAt", at);
                record(new Call(now, 200, inputs.size()));
                return answer(200, JSON.writeValueAsString(body)).build();
            } catch (IOException e) {
                record(new Call(now, 400, 0));
                return answer(400, "{\"status\":\"error\",\"message\":\"Invalid input JSON\",\"category\":\"VALIDATION_ERROR\"}").build();
            }
        }

        private ObjectNode upsert(JsonNode input, String at) {
            String key = input.path("id").asText();
            String owner = input.path("properties").path("hubspot_owner_id").asText(null);
            Contact before = contacts.get(key);
            Contact after = contacts.merge(key, new Contact(Long.toString(nextId.getAndIncrement()), 1, owner),
                    (old, fresh) -> new Contact(old.hubSpotId(), old.upserts() + 1, fresh.owner()));
            ObjectNode result = JSON.createObjectNode().put("id", after.hubSpotId()).put("new", before == null);
            result.put("objectWriteTraceId", input.path("objectWriteTraceId").asText(null)).put("archived", false)
                    .put("createdAt", at).put("updatedAt", at);
            ObjectNode properties = input.path("properties").isObject() ? ((ObjectNode) input.get("properties")).deepCopy()
                    : JSON.createObjectNode();
            properties.put(input.path("idProperty").asText("email"), key).put("hs_object_id", after.hubSpotId());
            result.set("properties", properties);
            return result;
        }

        private ResponseDefinitionBuilder answer(int status, String body) {
            ResponseDefinitionBuilder b = aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
                    .withBody(body);
            return latencyMillis > 0 ? b.withFixedDelay(latencyMillis) : b;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(HubSpotCrm.class.getClassLoader().getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

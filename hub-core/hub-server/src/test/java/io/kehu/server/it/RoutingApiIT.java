package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The routing endpoints: the run for admins only, and the dry run of candidate rules that writes nothing. */
class RoutingApiIT extends HubTestSupport {

    static final Path ROOT = tempRoot("routing-api");
    static final String CANDIDATE = """
            version: 2
            match: first
            owners:
              - { id: ana, name: Ana }
              - { id: ben, name: Ben }
            defaultAssignee: ana
            rules:
              - id: vip
                when: { tags: [vip] }
                destinations:
                  - instance: crm-x
                    required: [LastName]
                    fields: { LastName: name }
                assignment:
                  strategy: roundRobin
                  params: { owners: [ana, ben] }
            """;

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, RoutingApiIT.class, ROOT);
        registry.add("hub.routing.interval", () -> "0");
        registry.add("hub.routing.min-gap", () -> "1s");
    }

    @Test
    void aDryRunCountsWhereCandidateRulesWouldSendProfilesAndTheRunIsForAdmins() {
        ingest("13900000001", "vip");
        ingest("13900000002", "vip");
        ingest("13900000003", "cold");

        ResponseEntity<JsonNode> dry = call(HttpMethod.POST, "/api/v1/routing/dry-run", INTEGRATOR_KEY, CANDIDATE,
                JsonNode.class);
        assertThat(dry.getStatusCode().value()).isEqualTo(200);
        assertThat(dry.getBody().path("profiles").asLong()).isEqualTo(3);
        assertThat(dry.getBody().path("routed").asLong()).isEqualTo(2);
        assertThat(dry.getBody().path("byOwner").path("ana").asLong()).isEqualTo(1);
        assertThat(dry.getBody().path("byOwner").path("ben").asLong()).isEqualTo(1);
        assertThat(dry.getBody().path("unknownDestinations")).as("no connector instance crm-x here")
                .extracting(JsonNode::asText).containsExactly("crm-x");

        ResponseEntity<JsonNode> invalid = call(HttpMethod.POST, "/api/v1/routing/dry-run", INTEGRATOR_KEY,
                "version: 2\nrules: [{id: x, destinations: [{instance: y, required: [A], fields: {}}]}]\n", JsonNode.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(400);
        assertThat(invalid.getHeaders().getContentType().toString()).startsWith("application/problem+json");

        assertThat(call(HttpMethod.POST, "/api/v1/routing/run", INTEGRATOR_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(403);
        // The wake-up after ingest may still be routing: the endpoint answers 409 until it is done.
        ResponseEntity<JsonNode> run = await().atMost(Duration.ofSeconds(30)).until(
                () -> call(HttpMethod.POST, "/api/v1/routing/run", ADMIN_KEY, null, JsonNode.class),
                r -> r.getStatusCode().value() == 200);
        assertThat(run.getBody().has("profiles")).isTrue();
        assertThat(run.getBody().path("queued").asLong()).as("the dry run queued nothing, the default rules route none of these")
                .isZero();
    }

    @Test
    void routingRulesChangeThroughTheApiAsVersionsAndInvalidOnesAreRefusedWithTheirPaths() {
        ResponseEntity<JsonNode> before = call(HttpMethod.GET, "/api/v1/routing/rules", INTEGRATOR_KEY, null,
                JsonNode.class);
        assertThat(before.getBody().path("source").asText()).isEqualTo("file");
        int fileVersion = before.getBody().path("version").asInt();

        assertThat(call(HttpMethod.PUT, "/api/v1/routing/rules", INTEGRATOR_KEY, CANDIDATE, JsonNode.class)
                .getStatusCode().value()).as("changing routing is for admins").isEqualTo(403);
        ResponseEntity<JsonNode> put = call(HttpMethod.PUT, "/api/v1/routing/rules", ADMIN_KEY, CANDIDATE,
                JsonNode.class);
        assertThat(put.getStatusCode().value()).isEqualTo(200);
        assertThat(put.getBody().path("version").asInt()).isEqualTo(fileVersion + 1);
        assertThat(put.getBody().path("author").asText()).isEqualTo("admin");

        JsonNode now = call(HttpMethod.GET, "/api/v1/routing/rules", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(now.path("source").asText()).isEqualTo("api");
        assertThat(now.path("rules").path("rules").get(0).path("id").asText()).isEqualTo("vip");
        assertThat(call(HttpMethod.GET, "/api/v1/routing/rules/versions", INTEGRATOR_KEY, null, JsonNode.class)
                .getBody().path("total").asLong()).isEqualTo(1);

        ResponseEntity<JsonNode> invalid = call(HttpMethod.PUT, "/api/v1/routing/rules", ADMIN_KEY,
                CANDIDATE.replace("when: { tags: [vip] }", "when: { stage: [nonsense] }"), JsonNode.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(invalid.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(invalid.getBody().path("title").asText()).isEqualTo("Invalid routing rules");
        assertThat(invalid.getBody().path("errors").findValuesAsText("path")).anyMatch(p -> p.startsWith("rules[0]"));
        assertThat(call(HttpMethod.GET, "/api/v1/routing/rules", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("version").asInt()).as("the refused change left the rules in force").isEqualTo(fileVersion + 1);
    }

    private void ingest(String phone, String tag) {
        Lead lead = new Lead("吴" + phone.substring(9), null, null, null, List.of(Identifier.phone(phone)), "spreadsheet",
                List.of(tag), null, null, Map.of(), null);
        ingest.submit("routing-api", List.of(new SourceRecord("routing-api:" + phone, "1", lead, null)));
    }
}

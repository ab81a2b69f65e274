package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The stored lifecycle through the REST API: profile answers, the manual stage and the sweep endpoint. */
class LifecycleApiIT extends HubTestSupport {

    static final Path ROOT = tempRoot("lifecycle-api");

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, LifecycleApiIT.class, ROOT);
        registry.add("hub.lifecycle.sweep-interval", () -> "0");
    }

    @Test
    void salesSetAStageByHandSeeItWithItsHistoryAndHandItBack() {
        String id = ingestReply("13912345678", "i-api-1");

        JsonNode profile = get(id);
        assertThat(profile.path("lifecycle").path("stage").path("id").asText()).isEqualTo("engaged");
        assertThat(profile.path("lifecycle").path("stage").path("nameZh").asText()).isEqualTo("需求沟通");
        assertThat(profile.path("lifecycle").path("stage").path("nameEn").asText()).isEqualTo("Engaged");
        assertThat(profile.path("lifecycle").path("tier").asText()).isEqualTo("C");
        assertThat(profile.path("lifecycle").path("reasons").findValuesAsText("rule")).contains("reply@wecom", "hasPhone");
        assertThat(profile.path("lifecycle").has("signals")).isFalse();
        assertThat(profile.path("stageHistory").findValuesAsText("to")).containsExactly("engaged");

        ResponseEntity<JsonNode> set = call(HttpMethod.PUT, "/api/v1/profiles/" + id + "/stage", SALES_KEY,
                Map.of("stage", "customer", "reason", "signed offline"), JsonNode.class);
        assertThat(set.getStatusCode().value()).isEqualTo(200);
        assertThat(set.getBody().path("changes").get(0).path("by").asText()).isEqualTo("sara");

        profile = get(id);
        assertThat(profile.path("lifecycle").path("stage").path("nameZh").asText()).isEqualTo("成交客户");
        assertThat(profile.path("lifecycle").path("manual").asBoolean()).isTrue();
        JsonNode latest = profile.path("stageHistory").get(0);
        assertThat(latest.path("to").asText()).isEqualTo("customer");
        assertThat(latest.path("reason").asText()).isEqualTo("set manually: signed offline");
        assertThat(profile.path("timeline").findValuesAsText("type")).contains("stage-change");

        ResponseEntity<JsonNode> released = call(HttpMethod.DELETE, "/api/v1/profiles/" + id + "/stage", SALES_KEY,
                null, JsonNode.class);
        assertThat(released.getStatusCode().value()).isEqualTo(200);
        assertThat(get(id).path("lifecycle").path("manual").asBoolean()).isFalse();
    }

    @Test
    void anUnknownStageIsAProblemWithTheKnownOnes() {
        String id = ingestReply("13812345678", "i-api-2");

        ResponseEntity<JsonNode> r = call(HttpMethod.PUT, "/api/v1/profiles/" + id + "/stage", SALES_KEY,
                Map.of("stage", "vip"), JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().path("stages").toString()).contains("lead", "won_back");
        assertThat(get(id).path("lifecycle").path("stage").path("id").asText()).isEqualTo("engaged");
    }

    @Test
    void onlyAdminsRunTheSweep() {
        ingestReply("13712345678", "i-api-3");

        assertThat(call(HttpMethod.POST, "/api/v1/lifecycle/sweep", INTEGRATOR_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> r = call(HttpMethod.POST, "/api/v1/lifecycle/sweep?mode=rebuild", ADMIN_KEY, null,
                JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("mode").asText()).isEqualTo("rebuild");
        assertThat(r.getBody().path("profiles").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(r.getBody().path("rebuilt").asLong()).isEqualTo(r.getBody().path("profiles").asLong());
    }

    private String ingestReply(String phone, String interactionId) {
        Lead lead = new Lead("王芳", null, null, null, List.of(Identifier.phone(phone)), "test", List.of(), null, null,
                Map.of(), null);
        ingest.submit("test", List.of(new SourceRecord(interactionId, "1", lead,
                new Interaction(interactionId, "reply", "wecom", Instant.now(), "hi", Map.of()))));
        JsonNode hits = call(HttpMethod.GET, "/api/v1/profiles?q=%2B86" + phone, SALES_KEY, null, JsonNode.class).getBody();
        return hits.path("items").get(0).path("id").asText();
    }

    private JsonNode get(String id) {
        return call(HttpMethod.GET, "/api/v1/profiles/" + id, SALES_KEY, null, JsonNode.class).getBody();
    }
}

package io.kehu.server.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.fixtures.StoredLifecycle;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeEvent;
import io.kehu.server.lifecycle.StageChangeListener;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The rules API, the funnel endpoints and alerts, through the whole hub with its roles. */
class LifecycleInsightsApiIT extends HubTestSupport {

    static final Path ROOT = tempRoot("insights");
    static final String ROBOT_KEY = "robot-key-6a3f";
    static final WireMockServer ROBOT = new WireMockServer(options().dynamicPort());

    @Autowired
    LifecycleRules inForce;
    @Autowired
    List<StageChangeListener> listeners;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        hubProperties(registry, LifecycleInsightsApiIT.class, ROOT);
        ROBOT.start();
        try (InputStream stub = LifecycleInsightsApiIT.class.getResourceAsStream("/wiremock/wecom-robot/send-ok.json")) {
            ROBOT.addStubMapping(StubMapping.buildFrom(new String(stub.readAllBytes(), StandardCharsets.UTF_8)));
        }
        registry.add("hub.lifecycle-file", () -> Path.of("../../config/lifecycle.yml").toAbsolutePath().toString());
        registry.add("hub.alerts.targets[0].type", () -> "wecom-robot");
        registry.add("hub.alerts.targets[0].name", () -> "sales-group");
        registry.add("hub.alerts.targets[0].url", () -> ROBOT.baseUrl() + "/cgi-bin/webhook/send");
        registry.add("hub.alerts.targets[0].key", () -> ROBOT_KEY);
        registry.add("hub.alerts.check-interval", () -> "0");
    }

    @AfterAll
    static void stopRobot() {
        ROBOT.stop();
    }

    private static String rulesYaml() throws Exception {
        return Files.readString(Path.of("../../config/lifecycle.yml"));
    }

    private ResponseEntity<JsonNode> yaml(HttpMethod method, String path, String key, String body) {
        HttpHeaders h = new HttpHeaders();
        h.set("X-API-Key", key);
        h.setContentType(MediaType.parseMediaType("application/yaml"));
        return rest.exchange(java.net.URI.create(rest.getRootUri() + path), method, new HttpEntity<>(body, h),
                JsonNode.class);
    }

    @Test
    void anyRoleReadsTheRulesInForceButOnlyAdminsChangeThem() throws Exception {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/api/v1/lifecycle/rules", SALES_KEY, null, JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("version").asInt()).isEqualTo(inForce.current().version());
        assertThat(r.getBody().path("yaml").asText()).contains("transitions:");
        assertThat(r.getBody().path("rules").path("lifecycle").path("stages").get(0).path("nameZh").asText())
                .isEqualTo("线索");
        assertThat(yaml(HttpMethod.PUT, "/api/v1/lifecycle/rules", SALES_KEY, rulesYaml()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(yaml(HttpMethod.PUT, "/api/v1/lifecycle/rules", INTEGRATOR_KEY, rulesYaml()).getStatusCode().value())
                .isEqualTo(403);
        assertThat(yaml(HttpMethod.POST, "/api/v1/lifecycle/rules/dry-run", INTEGRATOR_KEY, rulesYaml())
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void invalidRulesAreRefusedWith422ListingEveryProblemAndChangeNothing() throws Exception {
        int before = inForce.current().version();
        String broken = rulesYaml().replace("engagement: 0.6", "engagement: 0.5").replace("initial: lead", "initial: x");

        ResponseEntity<JsonNode> r = yaml(HttpMethod.PUT, "/api/v1/lifecycle/rules", ADMIN_KEY, broken);

        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().path("title").asText()).isEqualTo("Invalid lifecycle rules");
        assertThat(r.getBody().path("errors").findValuesAsText("path"))
                .containsExactlyInAnyOrder("scoring.combined", "lifecycle.transitions.initial");
        assertThat(inForce.current().version()).isEqualTo(before);
        ResponseEntity<JsonNode> unreadable = yaml(HttpMethod.PUT, "/api/v1/lifecycle/rules", ADMIN_KEY,
                rulesYaml().replace("halfLifeDays: 30", "halfLifeDays: [30]"));
        assertThat(unreadable.getStatusCode().value()).isEqualTo(422);
        assertThat(unreadable.getBody().path("errors").get(0).path("path").asText())
                .isEqualTo("scoring.engagement.halfLifeDays");
    }

    @Test
    void acceptedRulesGetTheNextVersionAreStoredWithTheirAuthorAndTakeEffect() throws Exception {
        int before = inForce.current().version();

        ResponseEntity<JsonNode> r = yaml(HttpMethod.PUT, "/api/v1/lifecycle/rules", ADMIN_KEY,
                rulesYaml().replace("atRiskAfterDays: 30", "atRiskAfterDays: 45"));

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("version").asInt()).isEqualTo(before + 1);
        assertThat(r.getBody().path("source").asText()).isEqualTo("api");
        assertThat(r.getBody().path("author").asText()).isEqualTo("admin");
        assertThat(inForce.current().config().lifecycle().thresholds().atRiskAfterDays()).isEqualTo(45);
        JsonNode versions = call(HttpMethod.GET, "/api/v1/lifecycle/rules/versions", SALES_KEY, null, JsonNode.class)
                .getBody();
        assertThat(versions.path("items").get(0).path("version").asInt()).isEqualTo(before + 1);
        assertThat(versions.path("items").get(0).path("yaml").textValue()).isNull();
        JsonNode stored = call(HttpMethod.GET, "/api/v1/lifecycle/rules/versions/" + (before + 1), SALES_KEY, null,
                JsonNode.class).getBody();
        assertThat(stored.path("yaml").asText()).contains("atRiskAfterDays: 45");
        assertThat(call(HttpMethod.GET, "/api/v1/lifecycle/rules/versions/999", SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void validateAnswersEveryProblemAndStoresNothing() throws Exception {
        int before = inForce.current().version();

        JsonNode bad = yaml(HttpMethod.POST, "/api/v1/lifecycle/rules/validate", ADMIN_KEY,
                rulesYaml().replace("{ id: B, min: 40 }", "{ id: B, min: 90 }")).getBody();
        JsonNode good = yaml(HttpMethod.POST, "/api/v1/lifecycle/rules/validate", ADMIN_KEY, rulesYaml()).getBody();

        assertThat(bad.path("valid").asBoolean()).isFalse();
        assertThat(bad.path("errors").findValuesAsText("path")).containsExactly("scoring.tiers[1].min");
        assertThat(good.path("valid").asBoolean()).isTrue();
        assertThat(inForce.current().version()).isEqualTo(before);
    }

    @Test
    void dryRunShowsTierCountsMovingUnderStricterThresholds() throws Exception {
        IndexNames names = new IndexNames(TestElasticsearch.indexPrefix(LifecycleInsightsApiIT.class));
        Instant created = Instant.parse("2026-05-01T00:00:00Z");
        new StoredLifecycle(TestElasticsearch.client(), names)
                .profile("r-1", "陈静", "蓝信软件", "销售总监", created, "customer", 40, 100, 76, "A", 1)
                .profile("r-2", "王芳", "远景物流", "采购总监", created, "engaged", 40, 60, 52, "B", 0)
                .write();

        ResponseEntity<JsonNode> r = yaml(HttpMethod.POST, "/api/v1/lifecycle/rules/dry-run", ADMIN_KEY,
                rulesYaml().replace("{ id: A, min: 70 }", "{ id: A, min: 90 }"));

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode body = r.getBody();
        assertThat(body.path("before").path("tiers").path("A").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(body.path("after").path("tiers").path("A").asLong()).isZero();
        // The fixtures carry no signal summary, so the engine rebuilds it from their (empty) timelines.
        assertThat(body.path("tierMoves").path("A").has("A")).isFalse();
        assertThat(body.path("changed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(yaml(HttpMethod.POST, "/api/v1/lifecycle/rules/dry-run", ADMIN_KEY, "scoring: {}")
                .getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void funnelEndpointsAnswerSalesAndRefuseBadParametersAsProblems() {
        JsonNode stages = call(HttpMethod.GET, "/api/v1/funnel/stages", SALES_KEY, null, JsonNode.class).getBody();
        assertThat(stages.path("stages").findValuesAsText("id"))
                .startsWith("lead", "engaged", "opportunity", "customer", "loyal", "at_risk", "churned", "won_back");

        ResponseEntity<JsonNode> conversion = call(HttpMethod.GET,
                "/api/v1/funnel/conversion?from=lead&to=engaged&since=2026-05-01&until=2026-05-31", SALES_KEY, null,
                JsonNode.class);
        assertThat(conversion.getStatusCode().value()).isEqualTo(200);
        assertThat(conversion.getBody().path("until").asText()).isEqualTo("2026-06-01T00:00:00Z");
        assertThat(conversion.getBody().has("entered")).isTrue();

        ResponseEntity<JsonNode> unknown = call(HttpMethod.GET, "/api/v1/funnel/conversion?from=lead&to=nope",
                SALES_KEY, null, JsonNode.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(call(HttpMethod.GET, "/api/v1/funnel/time-in-stage?since=yesterday", SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/v1/funnel/at-risk?page=1", SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anAtRiskChangeReportedTwiceReachesTheRobotOnceAndIsListedForAdminsWithoutTheKey() {
        StageChangeEvent change = new StageChangeEvent("p-api-1", "刘洋", "customer", "at_risk",
                Instant.parse("2026-05-21T08:00:00Z"), "no interaction for 30 days", false, 58, "B");
        StageChangeEvent next = new StageChangeEvent("p-api-2", "周敏", "loyal", "at_risk",
                Instant.parse("2026-05-21T09:00:00Z"), "negative signal", false, 81, "A");

        listeners.forEach(l -> l.onStageChanges(List.of(change)));
        listeners.forEach(l -> l.onStageChanges(List.of(change)));
        listeners.forEach(l -> l.onStageChanges(List.of(next)));

        // The dispatcher works in order: once the second cause arrived, the repeated first was handled.
        await().atMost(Duration.ofSeconds(30)).until(() -> !ROBOT.findAll(postRequestedFor(
                urlPathEqualTo("/cgi-bin/webhook/send")).withRequestBody(containing("p-api-2"))).isEmpty());
        assertThat(ROBOT.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send"))
                .withRequestBody(containing("p-api-1")))).hasSize(1);
        // The list is a search: it shows a new alert after the next refresh.
        await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/api/v1/alerts?kind=at-risk", ADMIN_KEY,
                null, String.class).getBody().contains("at-risk:p-api-1:2026-05-21T08:00:00Z"));
        ResponseEntity<String> list = call(HttpMethod.GET, "/api/v1/alerts?kind=at-risk", ADMIN_KEY, null, String.class);
        assertThat(list.getStatusCode().value()).isEqualTo(200);
        assertThat(list.getBody()).contains("at-risk:p-api-1:2026-05-21T08:00:00Z", "sales-group", "刘*")
                .doesNotContain(ROBOT_KEY).doesNotContain("刘洋");
        assertThat(call(HttpMethod.GET, "/api/v1/alerts", SALES_KEY, null, String.class).getStatusCode().value())
                .isEqualTo(403);
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.delivery.EnqueueOutcome;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.delivery.OutboxEntry;
import io.kehu.server.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Destination instances and the delivery outbox, end to end: a test destination plugin, compiled at
 * test time and loaded through PF4J, calls a WireMock CRM, so every answer comes over real HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryIT extends HubTestSupport {

    static final Path ROOT = tempRoot("delivery");
    static final String API_KEY = "crm-api-key-Zt81q";
    static final String SESSION = "sess-7Hq2vX";
    static final TestCrm CRM = new TestCrm("session", "upsert", "upsert-slow", "upsert-throttled",
            "upsert-unavailable-once", "upsert-batch-unavailable-once");

    @Autowired
    Outbox outbox;

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, DeliveryIT.class, ROOT);
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        registry.add("hub.delivery.max-attempts", () -> "4");
        registry.add("hub.delivery.initial-backoff", () -> "200ms");
        registry.add("hub.delivery.max-backoff", () -> "1s");
        registry.add("hub.delivery.poll-interval", () -> "5s");
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void aRoutedLeadIsDeliveredOnceWithItsRemoteIdStoredShownOnTheProfileAndLogged(CapturedOutput output) {
        JsonNode created = create("crm-once", Map.of());
        assertThat(created.path("kind").asText()).isEqualTo("DESTINATION");
        assertThat(created.path("state").asText()).isEqualTo("RUNNING");
        assertThat(call(HttpMethod.GET, "/api/v1/connector-types", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .findValuesAsText("type")).contains("crm-test");
        String profileId = profileOf("陈静", "13912345601");

        EnqueueOutcome outcome = outbox.enqueue(profileId, "crm-once", "tier-a",
                Map.of("LastName", "陈静", "Company", "蓝心软件"), "005-owner-1");

        assertThat(outcome).isEqualTo(EnqueueOutcome.QUEUED);
        JsonNode item = awaitStatus("crm-once", profileId, "DELIVERED");
        assertThat(item.path("remoteId").asText()).isEqualTo("L-kehu-" + profileId);
        assertThat(item.path("lastOutcome").asText()).isEqualTo("CREATED");
        List<LoggedRequest> calls = CRM.upsertsOf("kehu-" + profileId);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getBodyAsString()).contains("\"owner\":\"005-owner-1\"").contains("蓝心软件");
        assertThat(calls.get(0).getHeader("Authorization")).isEqualTo("Bearer " + SESSION);

        // The profile's deliveries are searched, so they lag the outbox by up to a refresh.
        JsonNode profile = await().atMost(Duration.ofSeconds(10)).until(
                () -> call(HttpMethod.GET, "/api/v1/profiles/" + profileId, SALES_KEY, null, JsonNode.class).getBody(),
                p -> "DELIVERED".equals(p.path("deliveries").path(0).path("status").asText()));
        assertThat(profile.path("deliveries")).hasSize(1);
        assertThat(profile.path("deliveries").get(0).path("destination").asText()).isEqualTo("crm-once");
        assertThat(profile.path("deliveries").get(0).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(profile.path("deliveries").get(0).path("remoteId").asText()).isEqualTo("L-kehu-" + profileId);
        JsonNode log = deliveryLog(profileId, 1);
        JsonNode entry = log.path("items").get(0);
        assertThat(entry.path("outcome").asText()).isEqualTo("CREATED");
        assertThat(entry.path("ruleId").asText()).isEqualTo("tier-a");
        assertThat(entry.path("fields").path("LastName").asText()).isEqualTo("陈静");
        assertThat(entry.path("owner").asText()).isEqualTo("005-owner-1");
        JsonNode health = call(HttpMethod.GET, "/api/v1/connectors/crm-once/health", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(health.path("counters").path("deliveries.delivered").asLong()).isEqualTo(1);
        assertThat(health.path("counters").path("deliveries.created").asLong()).isEqualTo(1);
        assertThat(output.getAll()).contains("Delivering the outbox of crm-once");
    }

    @Test
    void aChangedPayloadUpdatesTheRecordByItsRemoteIdAndAnUnchangedOneMakesNoCall() {
        create("crm-update", Map.of());
        outbox.enqueue("p-upd", "crm-update", "r1", Map.of("LastName", "王", "Email", "wang@old.cn"), "u1");
        awaitStatus("crm-update", "p-upd", "DELIVERED");

        EnqueueOutcome changed = outbox.enqueue("p-upd", "crm-update", "r1", Map.of("LastName", "王", "Email", "wang@new.cn"), "u1");

        assertThat(changed).isEqualTo(EnqueueOutcome.QUEUED);
        JsonNode updated = await().atMost(Duration.ofSeconds(20)).until(() -> item("crm-update", "p-upd"),
                i -> "UPDATED".equals(i.path("lastOutcome").asText()));
        assertThat(updated.path("status").asText()).isEqualTo("DELIVERED");
        List<LoggedRequest> calls = CRM.upsertsOf("kehu-p-upd");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).getBodyAsString()).doesNotContain("\"id\":");
        assertThat(calls.get(1).getBodyAsString()).contains("\"id\":\"L-kehu-p-upd\"").contains("wang@new.cn");

        EnqueueOutcome unchanged = outbox.enqueue("p-upd", "crm-update", "r2", Map.of("Email", "wang@new.cn", "LastName", "王"), "u1");
        outbox.enqueue("p-upd-later", "crm-update", "r1", Map.of("LastName", "李"), "u1");
        awaitStatus("crm-update", "p-upd-later", "DELIVERED");

        assertThat(unchanged).isEqualTo(EnqueueOutcome.UNCHANGED);
        assertThat(CRM.upsertsOf("kehu-p-upd")).as("no call for the unchanged payload").hasSize(2);
    }

    @Test
    void aPayloadChangedWhileItsCallIsInFlightStaysQueuedAndIsSentAsAnUpdate() {
        create("crm-race", Map.of());
        outbox.enqueue("slow-race", "crm-race", "r1", Map.of("LastName", "郑", "Title", "经理"), "u1");
        // The CRM answers this profile after 1.5 s; WireMock journals the call on arrival.
        await().atMost(Duration.ofSeconds(20)).until(() -> CRM.upsertsOf("kehu-slow-race").size() == 1);

        outbox.enqueue("slow-race", "crm-race", "r1", Map.of("LastName", "郑", "Title", "总监"), "u1");

        await().atMost(Duration.ofSeconds(20)).until(() -> item("crm-race", "slow-race"),
                i -> "UPDATED".equals(i.path("lastOutcome").asText()) && "DELIVERED".equals(i.path("status").asText()));
        List<LoggedRequest> calls = CRM.upsertsOf("kehu-slow-race");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).getBodyAsString()).contains("\"id\":\"L-kehu-slow-race\"").contains("总监");
    }

    @Test
    void a429WithRetryAfterPausesTheInstanceAndSchedulesTheRetryNoSoonerThanAsked() {
        create("crm-throttled", Map.of());

        outbox.enqueue("throttled-1", "crm-throttled", "r1", Map.of("LastName", "赵"), "u1");

        JsonNode item = await().atMost(Duration.ofSeconds(20)).until(() -> item("crm-throttled", "throttled-1"),
                i -> i.path("attempts").asInt() == 1);
        assertThat(item.path("status").asText()).isEqualTo("PENDING");
        assertThat(item.path("lastCode").asText()).isEqualTo("429");
        Instant attemptedAt = Instant.parse(item.path("lastAttemptAt").asText());
        Instant next = Instant.parse(item.path("nextAttemptAt").asText());
        assertThat(Duration.between(attemptedAt, next)).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
        JsonNode health = call(HttpMethod.GET, "/api/v1/connectors/crm-throttled/health", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(health.path("counters").path("deliveries.paused").asLong()).isEqualTo(1);
        assertThat(health.path("counters").path("deliveries.retried").asLong()).isEqualTo(1);
        assertThat(health.path("lastError").asText()).contains("429");
    }

    @Test
    void a5xxIsRetriedWithBackoffAndThenDelivered() {
        create("crm-flaky", Map.of());

        outbox.enqueue("flaky-1", "crm-flaky", "r1", Map.of("LastName", "孙"), "u1");

        JsonNode item = awaitStatus("crm-flaky", "flaky-1", "DELIVERED");
        assertThat(item.path("attempts").asInt()).isEqualTo(2);
        assertThat(CRM.upsertsOf("kehu-flaky-1")).hasSize(2);
        JsonNode log = deliveryLog("flaky-1", 2);
        JsonNode failure = log.path("items").get(1);
        assertThat(failure.path("outcome").asText()).isEqualTo("FAILED");
        assertThat(failure.path("retryable").asBoolean()).isTrue();
        assertThat(failure.path("code").asText()).isEqualTo("503");
        assertThat(failure.path("status").asText()).isEqualTo("PENDING");
        assertThat(Instant.parse(failure.path("nextAttemptAt").asText())).isAfterOrEqualTo(Instant.parse(failure.path("at").asText()));
        assertThat(log.path("items").get(0).path("outcome").asText()).isEqualTo("CREATED");
    }

    @Test
    void aBatchWhoseWholeCallFailedIsRetriedAsOneCall() {
        create("crm-batch", Map.of("batchSize", 5));

        outbox.enqueueAll(IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new OutboxEntry("batch-" + i, "crm-batch", "r1", Map.of("LastName", "钱" + i), "u1")).toList());

        IntStream.rangeClosed(1, 5).forEach(i -> awaitStatus("crm-batch", "batch-" + i, "DELIVERED"));
        // Retry times drawn per lead would bring the batch back a few leads at a time, a call each.
        assertThat(CRM.upserts().stream().filter(r -> r.getBodyAsString().contains("kehu-batch-")))
                .as("the failed call and one retry with all five").hasSize(2);
    }

    @Test
    void aPermanentFailureIsListedFixedAndReplayedAndTheFixOutlivesARoute() {
        create("crm-fix", Map.of());
        outbox.enqueueAll(List.of(new OutboxEntry("fix-1", "crm-fix", "r1", Map.of("FirstName", "静"), "u1"),
                new OutboxEntry("fix-2", "crm-fix", "r1", Map.of("FirstName", "娜"), "u1")));
        awaitStatus("crm-fix", "fix-1", "FAILED");
        awaitStatus("crm-fix", "fix-2", "FAILED");

        JsonNode failed = await().atMost(Duration.ofSeconds(10)).until(
                () -> call(HttpMethod.GET, "/api/v1/deliveries?status=FAILED&destination=crm-fix", INTEGRATOR_KEY, null, JsonNode.class).getBody(),
                l -> l.path("total").asLong() == 2);
        assertThat(failed.path("items").get(0).path("lastCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(failed.path("items").get(0).path("lastMessage").asText()).isEqualTo("Required fields are missing: [LastName]");

        JsonNode patched = call(HttpMethod.PATCH, "/api/v1/deliveries/crm-fix/fix-1", INTEGRATOR_KEY,
                Map.of("fields", Map.of("LastName", "陈")), JsonNode.class).getBody();
        assertThat(patched.path("overrides").path("LastName").asText()).isEqualTo("陈");
        assertThat(patched.path("status").asText()).isEqualTo("FAILED");
        assertThat(call(HttpMethod.POST, "/api/v1/deliveries/crm-fix/fix-1/replay", INTEGRATOR_KEY, null, JsonNode.class)
                .getBody().path("status").asText()).isEqualTo("PENDING");
        awaitStatus("crm-fix", "fix-1", "DELIVERED");
        assertThat(CRM.upsertsOf("kehu-fix-1").get(1).getBodyAsString()).contains("\"LastName\":\"陈\"").contains("\"FirstName\":\"静\"");

        call(HttpMethod.PATCH, "/api/v1/deliveries/crm-fix/fix-2", INTEGRATOR_KEY, Map.of("fields", Map.of("LastName", "李")), JsonNode.class);
        JsonNode all = call(HttpMethod.POST, "/api/v1/deliveries/replay?destination=crm-fix", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(all.path("replayed").asInt()).isEqualTo(1);
        awaitStatus("crm-fix", "fix-2", "DELIVERED");

        assertThat(outbox.enqueue("fix-1", "crm-fix", "r1", Map.of("FirstName", "静"), "u1"))
                .as("routed again with the same fields: the correction still applies").isEqualTo(EnqueueOutcome.UNCHANGED);
        assertThat(call(HttpMethod.GET, "/api/v1/deliveries/crm-fix/nobody", INTEGRATOR_KEY, null, String.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/api/v1/deliveries?status=FAILED", SALES_KEY, null, String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theInstancesRateLimitHoldsInEveryWindow() {
        create("crm-paced", Map.of("batchSize", 1, "calls", 2, "per", "1s"));

        outbox.enqueueAll(IntStream.rangeClosed(1, 6)
                .mapToObj(i -> new OutboxEntry("paced-" + i, "crm-paced", "r1", Map.of("LastName", "周" + i), "u1")).toList());

        IntStream.rangeClosed(1, 6).forEach(i -> awaitStatus("crm-paced", "paced-" + i, "DELIVERED"));
        List<Long> times = CRM.upserts().stream().filter(r -> r.getBodyAsString().contains("kehu-paced-"))
                .map(r -> r.getLoggedDate().getTime()).toList();
        assertThat(times).hasSize(6);
        for (int i = 2; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 2)).as("a third call within one second").isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void secretsNeverAppearInAnswersLogsOrTheStore(CapturedOutput output) throws IOException {
        JsonNode created = create("crm-secret", Map.of());
        outbox.enqueue("secret-1", "crm-secret", "r1", Map.of("LastName", "钱"), "u1");
        awaitStatus("crm-secret", "secret-1", "DELIVERED");

        assertThat(created.toString()).contains("******").doesNotContain(API_KEY);
        assertThat(call(HttpMethod.GET, "/api/v1/connectors/crm-secret", INTEGRATOR_KEY, null, String.class).getBody())
                .doesNotContain(API_KEY);
        assertThat(call(HttpMethod.GET, "/api/v1/deliveries?destination=crm-secret", INTEGRATOR_KEY, null, String.class).getBody())
                .contains("secret-1").doesNotContain(API_KEY).doesNotContain(SESSION);
        String prefix = TestElasticsearch.indexPrefix(DeliveryIT.class);
        TestElasticsearch.client().indices().refresh(r -> r.index(prefix + "state"));
        SearchResponse<JsonNode> state = TestElasticsearch.client().search(s -> s
                .index(prefix + "state")
                .query(q -> q.term(t -> t.field("scope").value("secrets:crm-secret"))), JsonNode.class);
        assertThat(state.hits().hits()).hasSize(1);
        assertThat(state.hits().hits().get(0).source().path("value").asText()).startsWith("enc:v1:").doesNotContain(SESSION);
        assertThat(output.getAll()).contains("Starting CRM destination").doesNotContain(API_KEY).doesNotContain(SESSION);
    }

    private JsonNode create(String id, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("url", CRM.url(), "apiKey", API_KEY));
        all.putAll(config);
        ResponseEntity<JsonNode> r = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY,
                Map.of("id", id, "type", "crm-test", "config", all), JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(201);
        return r.getBody();
    }

    private String profileOf(String name, String phone) {
        Lead lead = new Lead(name, "蓝心软件", null, null, List.of(Identifier.phone(phone)), "test", List.of(), null, null, Map.of(), null);
        ingest.submit("delivery-test", List.of(new SourceRecord("delivery-test:" + phone, "1", lead, null)));
        JsonNode found = call(HttpMethod.GET, "/api/v1/profiles?q=" + phone, SALES_KEY, null, JsonNode.class).getBody();
        return found.path("items").get(0).path("id").asText();
    }

    /** The delivery log of a profile once it has {@code entries} entries: the log is searched, so it lags a refresh. */
    private JsonNode deliveryLog(String profileId, int entries) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> call(HttpMethod.GET, "/api/v1/profiles/" + profileId + "/deliveries", SALES_KEY, null, JsonNode.class).getBody(),
                l -> l.path("total").asLong() == entries);
    }

    private JsonNode item(String destination, String profileId) {
        return call(HttpMethod.GET, "/api/v1/deliveries/" + destination + "/" + profileId, INTEGRATOR_KEY, null, JsonNode.class).getBody();
    }

    private JsonNode awaitStatus(String destination, String profileId, String status) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> item(destination, profileId),
                i -> status.equals(i.path("status").asText()));
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.testing.MutableClock;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A CRM instance with a daily call budget of 2 and one lead per call: five leads are routed to it. The hub makes
 * two calls and holds the rest as PENDING; a restart (a new context over the same indices) keeps the day's count;
 * when the day turns in Shanghai (the hub's clock is moved, nothing waits for it) the next two go, and the last one
 * the day after. Each lead reaches the CRM exactly once.
 */
class DailyCallBudgetIT {

    static final Path ROOT = HubTestSupport.tempRoot("daily-budget");
    static final TestCrm CRM = new TestCrm("session", "upsert");
    /** 10:00 in Shanghai; the day turns at 16:00 UTC. */
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    static final Duration WAIT = Duration.ofSeconds(60);

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void theBudgetHoldsTheRestPendingAcrossARestartUntilTheDayTurns() throws IOException {
        CRM.oneDestinationFiles(ROOT, "batchSize: 1, dailyCallBudget: 2");
        List<String> profiles;
        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            assertTheBudgetIsPartOfEveryDestinationsSchemaAndValidated(rest, hub);
            profiles = ingestFiveOpportunities(hub);

            awaitHeld(rest);
            awaitDelivered(hub, profiles, 2);
            assertThat(CRM.upserts()).as("calls that reached the CRM").hasSize(2);
            JsonNode delivery = rest.get("/api/v1/connectors/crm-a/health").path("delivery");
            assertThat(delivery.path("dailyCallBudget").asInt()).isEqualTo(2);
            assertThat(delivery.path("dailyBudgetZone").asText()).isEqualTo("Asia/Shanghai");
            assertThat(delivery.path("day").asText()).isEqualTo("2026-11-23");
            assertThat(delivery.path("callsToday").asLong()).isEqualTo(2);
            assertThat(delivery.path("resetsAt").asText()).isEqualTo("2026-11-23T16:00:00Z");
            assertThat(delivery.path("heldUntil").asText()).isEqualTo("2026-11-23T16:00:00Z");
            assertThat(statuses(hub, profiles)).containsEntry(OutboxDoc.DELIVERED, 2L).containsEntry(OutboxDoc.PENDING, 3L);
            assertThat(budgetHeldMetric(hub)).as("mirrored for Prometheus").isEqualTo(1.0);
        }

        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            awaitHeld(rest);
            assertThat(rest.get("/api/v1/connectors/crm-a/health").path("delivery").path("callsToday").asLong())
                    .as("today's count survived the restart").isEqualTo(2);
            assertThat(CRM.upserts()).as("the restarted hub made no call beyond the budget").hasSize(2);

            CLOCK.advance(Duration.ofHours(14));
            awaitDelivered(hub, profiles, 4);
            await().atMost(WAIT).until(() -> rest.get("/api/v1/connectors/crm-a/health").path("delivery"),
                    d -> "2026-11-24".equals(d.path("day").asText()) && "BUDGET".equals(d.path("heldBy").asText()));
            assertThat(CRM.upserts()).hasSize(4);
            assertThat(statuses(hub, profiles)).containsEntry(OutboxDoc.DELIVERED, 4L).containsEntry(OutboxDoc.PENDING, 1L);

            CLOCK.advance(Duration.ofDays(1));
            awaitDelivered(hub, profiles, 5);
            JsonNode delivery = rest.get("/api/v1/connectors/crm-a/health").path("delivery");
            assertThat(delivery.path("day").asText()).isEqualTo("2026-11-25");
            assertThat(delivery.path("callsToday").asLong()).isEqualTo(1);
            assertThat(delivery.has("heldBy")).as("nothing holds delivery with one call left").isFalse();
        }
        for (String p : profiles) {
            assertThat(CRM.upsertsOf("kehu-" + p)).as("calls carrying " + p).hasSize(1);
        }
        assertThat(CRM.upserts()).hasSize(5);
    }

    private static void assertTheBudgetIsPartOfEveryDestinationsSchemaAndValidated(HubRest rest,
                                                                                  ConfigurableApplicationContext hub)
            throws IOException {
        JsonNode types = rest.get("/api/v1/connector-types");
        JsonNode crm = null;
        for (JsonNode t : types) {
            if ("crm-test".equals(t.path("type").asText())) {
                crm = t;
            }
        }
        assertThat(crm).isNotNull();
        assertThat(crm.path("fields").findValuesAsText("key")).contains("url", "apiKey", "dailyCallBudget", "dailyBudgetZone");
        assertThat(rest.get("/api/v1/connectors/crm-a").path("config").path("dailyCallBudget").asInt()).isEqualTo(2);

        HttpResponse<String> refused = post(hub, "/api/v1/connectors", """
                {"id":"crm-z","type":"crm-test","enabled":false,
                 "config":{"url":"http://localhost:1","apiKey":"k","dailyCallBudget":0,"dailyBudgetZone":"Mars/Olympus"}}""");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"field\":\"dailyCallBudget\"", "\"field\":\"dailyBudgetZone\"", "at least 1");
    }

    /** Five people with a quote each, so five opportunities the rule routes to crm-a; answers their profile ids. */
    private static List<String> ingestFiveOpportunities(ConfigurableApplicationContext hub) {
        List<String> phones = IntStream.rangeClosed(1, 5).mapToObj(i -> "+86139000001" + i + "0").toList();
        List<SourceRecord> records = IntStream.range(0, 5).mapToObj(i -> {
            Lead lead = new Lead("预算" + i, "公司", null, null, List.of(Identifier.phone(phones.get(i))), "test",
                    List.of(), null, null, Map.of(), null);
            return new SourceRecord("budget:" + i, "1", lead, new Interaction("i-budget-" + i, "quote", "email", null, "quote", Map.of()));
        }).toList();
        hub.getBean(IngestService.class).submit("budget-test", records);
        Documents docs = hub.getBean(Documents.class);
        IndexNames names = hub.getBean(IndexNames.class);
        return phones.stream().map(p -> docs.get(names.identifiers(), "phone:" + p, IdentifierDoc.class).orElseThrow()
                .source().profileId()).toList();
    }

    private static void awaitHeld(HubRest rest) {
        await().atMost(WAIT).until(() -> budgetHeld(rest) >= 1
                && "BUDGET".equals(rest.get("/api/v1/connectors/crm-a/health").path("delivery").path("heldBy").asText()));
    }

    private static long budgetHeld(HubRest rest) {
        return rest.get("/api/v1/connectors/crm-a/health").path("counters").path("deliveries.budgetHeld").asLong();
    }

    private static double budgetHeldMetric(ConfigurableApplicationContext hub) {
        Counter c = hub.getBean(MeterRegistry.class).find("kehu.connector.events").tag("connector", "crm-a")
                .tag("event", "deliveries.budgetHeld").counter();
        return c == null ? 0 : c.count();
    }

    private static void awaitDelivered(ConfigurableApplicationContext hub, List<String> profiles, long n) {
        await().atMost(WAIT).until(() -> statuses(hub, profiles).getOrDefault(OutboxDoc.DELIVERED, 0L) == n);
    }

    private static Map<String, Long> statuses(ConfigurableApplicationContext hub, List<String> profiles) {
        Outbox outbox = hub.getBean(Outbox.class);
        return profiles.stream().map(p -> outbox.get("crm-a", p).map(OutboxDoc::status).orElse("NONE"))
                .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting()));
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext hub, String path, String json) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + hub.getEnvironment().getProperty("local.server.port") + path))
                .header("X-API-Key", HubTestSupport.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static ConfigurableApplicationContext start() {
        return RoutedHub.start(DailyCallBudgetIT.class, ROOT, CLOCK, "--hub.delivery.poll-interval=1s");
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.testing.MutableClock;
import io.kehu.search.OutboxDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.delivery.OutboxEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The CRM answers a call with 429 and {@code Retry-After: 120}: the pause is stored, so a restarted hub waits out
 * the rest of it before it calls again, and the health says why. The hub's clock is moved by hand.
 */
class VendorPauseRestartIT {

    static final Path ROOT = HubTestSupport.tempRoot("vendor-pause");
    static final TestCrm CRM = new TestCrm("session", "upsert", "upsert-throttled");
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    static final Duration WAIT = Duration.ofSeconds(60);

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void aRestartedHubWaitsOutThePauseTheCrmAskedFor() throws IOException {
        CRM.oneDestinationFiles(ROOT, "batchSize: 1");
        Instant pausedUntil = CLOCK.instant().plusSeconds(120);
        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            hub.getBean(Outbox.class).enqueueAll(List.of(entry("throttled-1")));
            await().atMost(WAIT).until(() -> counter(rest, "deliveries.paused") >= 1);
            // Due at once, unlike the throttled lead: only the pause holds it.
            hub.getBean(Outbox.class).enqueueAll(List.of(entry("waits-1")));
            await().atMost(WAIT).until(() -> counter(rest, "deliveries.pauseHeld") >= 1);
            JsonNode delivery = rest.get("/api/v1/connectors/crm-a/health").path("delivery");
            assertThat(delivery.path("heldBy").asText()).isEqualTo("VENDOR_PAUSE");
            assertThat(delivery.path("pausedUntil").asText()).isEqualTo(pausedUntil.toString());
            assertThat(delivery.has("dailyCallBudget")).as("no budget set").isFalse();
            assertThat(delivery.path("callsToday").asLong()).as("without a budget nothing is counted").isZero();
        }

        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            Outbox outbox = hub.getBean(Outbox.class);
            await().atMost(WAIT).until(() -> counter(rest, "deliveries.pauseHeld") >= 1);
            assertThat(rest.get("/api/v1/connectors/crm-a/health").path("delivery").path("heldUntil").asText())
                    .isEqualTo(pausedUntil.toString());
            assertThat(CRM.upserts()).as("only the call that was answered 429").hasSize(1);
            assertThat(outbox.get("crm-a", "waits-1").orElseThrow().status()).isEqualTo(OutboxDoc.PENDING);

            CLOCK.advance(Duration.ofSeconds(121));
            await().atMost(WAIT).until(() -> outbox.get("crm-a", "waits-1").orElseThrow().status(), OutboxDoc.DELIVERED::equals);
        }
        assertThat(CRM.upsertsOf("kehu-waits-1")).hasSize(1);
    }

    private static OutboxEntry entry(String profileId) {
        return new OutboxEntry(profileId, "crm-a", "r1", Map.of("LastName", "吴" + profileId), "A-ana");
    }

    private static long counter(HubRest rest, String name) {
        return rest.get("/api/v1/connectors/crm-a/health").path("counters").path(name).asLong();
    }

    private static ConfigurableApplicationContext start() {
        return RoutedHub.start(VendorPauseRestartIT.class, ROOT, CLOCK, "--hub.delivery.poll-interval=1s");
    }
}

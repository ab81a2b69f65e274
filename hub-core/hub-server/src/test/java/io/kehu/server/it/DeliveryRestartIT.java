package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kehu.search.OutboxDoc;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.HubApplication;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.delivery.OutboxEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub is stopped while a batch is in flight and started again: the batch in flight is answered
 * and stored before the stop completes, the rest is delivered after the restart, and no lead is
 * sent twice. The destination is defined in a YAML file, as an operator would.
 */
class DeliveryRestartIT {

    static final Path ROOT = HubTestSupport.tempRoot("delivery-restart");
    static final TestCrm CRM = new TestCrm("session", "upsert", "upsert-slow");

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void aRestartInTheMiddleOfABatchDeliversEveryLeadExactlyOnce() throws IOException {
        Files.createDirectories(ROOT.resolve("connectors"));
        Files.createDirectories(ROOT.resolve("plugins"));
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        Files.writeString(ROOT.resolve("connectors/crm-restart.yml"), """
                id: crm-restart
                type: crm-test
                config:
                  url: %s
                  apiKey: ${KEHU_TEST_CRM_KEY:key-from-the-environment}
                  batchSize: 2
                """.formatted(CRM.url()));
        List<String> profiles = IntStream.rangeClosed(1, 6).mapToObj(i -> "slow-" + i).toList();

        try (ConfigurableApplicationContext hub = start()) {
            hub.getBean(Outbox.class).enqueueAll(profiles.stream()
                    .map(p -> new OutboxEntry(p, "crm-restart", "r1", Map.of("LastName", "吴" + p), "owner-" + p)).toList());
            // WireMock journals a request when it arrives, before the stub's 1.5 s delay: the hub stops mid-call.
            await().atMost(Duration.ofSeconds(30)).until(() -> !CRM.upserts().isEmpty());
        }
        int answeredBeforeRestart = CRM.upserts().size();
        List<OutboxDoc> afterStop = profiles.stream().map(this::stored).toList();
        assertThat(afterStop).filteredOn(d -> OutboxDoc.DELIVERED.equals(d.status())).as("the batch in flight was stored")
                .hasSize(2 * answeredBeforeRestart);
        assertThat(afterStop).filteredOn(d -> OutboxDoc.PENDING.equals(d.status())).as("the rest waits for the restart")
                .isNotEmpty();

        try (ConfigurableApplicationContext hub = start()) {
            Outbox outbox = hub.getBean(Outbox.class);
            for (String p : profiles) {
                await().atMost(Duration.ofSeconds(30)).until(() -> outbox.get("crm-restart", p).orElseThrow().status(),
                        OutboxDoc.DELIVERED::equals);
            }
        }

        for (String p : profiles) {
            assertThat(CRM.upsertsOf("kehu-" + p)).as("calls carrying " + p).hasSize(1);
            assertThat(CRM.upsertsOf("kehu-" + p).get(0).getBodyAsString()).contains("\"owner\":\"owner-" + p + "\"");
        }
        assertThat(CRM.upserts()).hasSize(3);
        assertThat(CRM.sessions()).as("the session token survived the restart, encrypted").isEqualTo(1);
    }

    private OutboxDoc stored(String profileId) {
        try {
            String index = TestElasticsearch.indexPrefix(DeliveryRestartIT.class) + "outbox";
            return TestElasticsearch.client().get(g -> g.index(index).id("crm-restart:" + profileId), OutboxDoc.class).source();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0",
                "--hub.search.uris=" + TestElasticsearch.uri(),
                "--hub.search.index-prefix=" + TestElasticsearch.indexPrefix(DeliveryRestartIT.class),
                "--hub.data-dir=" + ROOT.resolve("data"),
                "--hub.plugins.dir=" + ROOT.resolve("plugins"),
                "--hub.connectors.dir=" + ROOT.resolve("connectors"));
    }
}

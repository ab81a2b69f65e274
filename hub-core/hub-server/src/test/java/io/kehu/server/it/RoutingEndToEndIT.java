package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.routing.RoutingService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Leads are ingested, qualify under a routing rule and are routed by the hub itself (the wake-up after the
 * ingest batch) into two CRMs, with owners in turn; the hub is restarted while delivery is under way.
 * Every qualified lead reaches each CRM exactly once with the same owner in both, the others reach none,
 * and a later change to a routed lead reaches the CRMs as an update of the record already there.
 */
class RoutingEndToEndIT {

    static final Path ROOT = HubTestSupport.tempRoot("routing-e2e");
    static final TestCrm CRM_A = new TestCrm("session", "upsert");
    static final TestCrm CRM_B = new TestCrm("session", "upsert");
    static final Pattern EXTERNAL_ID = Pattern.compile("\"externalId\":\"(kehu-[^\"]+)\"");
    static final Pattern OWNER = Pattern.compile("\"owner\":\"([^\"]+)\"");
    static final int QUALIFIED = 4;

    @AfterAll
    static void stopCrms() {
        CRM_A.server.stop();
        CRM_B.server.stop();
    }

    @Test
    void qualifiedLeadsReachEachCrmOnceWithOwnersInTurnAcrossARestartAndAChangeIsAnUpdate() throws IOException {
        setUp();
        try (ConfigurableApplicationContext hub = start()) {
            IngestService ingest = hub.getBean(IngestService.class);
            IntStream.rangeClosed(1, QUALIFIED).forEach(i -> ingest(ingest, i, "vip", "lead" + i + "@example.cn"));
            IntStream.rangeClosed(1, 2).forEach(i -> ingest(ingest, 10 + i, "cold", "cold" + i + "@example.cn"));
            // The wake-up after the first ingest routes at once; the later ones wait the minimum gap. One run that
            // starts after the last ingest puts every decision in the outbox before the stop.
            RoutingService routing = hub.getBean(RoutingService.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> routing.runIfIdle().isPresent());
            // One record per call, one call every three seconds: the hub stops with deliveries still pending.
            await().atMost(Duration.ofSeconds(30)).until(() -> !CRM_A.upserts().isEmpty());
        }
        assertThat(CRM_A.upserts().size() + CRM_B.upserts().size()).as("delivery was cut short")
                .isLessThan(2 * QUALIFIED);

        try (ConfigurableApplicationContext hub = start()) {
            // A run after the restart finds nothing new to route: the outbox already holds every decision.
            RoutingService.Result again = hub.getBean(RoutingService.class).runIfIdle().orElseThrow();
            assertThat(again.queued()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> externalIds(CRM_A).size() == QUALIFIED
                    && externalIds(CRM_B).size() == QUALIFIED);
            assertDeliveredOnceWithOwnersInTurn();

            String changed = externalIds(CRM_A).iterator().next();
            String phone = phoneOf(CRM_A, changed);
            ingest(hub.getBean(IngestService.class), Integer.parseInt(phone.substring(phone.length() - 2)), "vip",
                    "new.address@example.cn");
            await().atMost(Duration.ofSeconds(60)).until(() -> CRM_A.upsertsOf(changed).size() == 2
                    && CRM_B.upsertsOf(changed).size() == 2);
        }
        for (TestCrm crm : List.of(CRM_A, CRM_B)) {
            String changed = crm.upserts().stream().filter(r -> r.getBodyAsString().contains("new.address@example.cn"))
                    .map(r -> match(EXTERNAL_ID, r)).findFirst().orElseThrow();
            String update = crm.upsertsOf(changed).get(1).getBodyAsString();
            assertThat(update).as("the update names the record created before")
                    .contains("\"id\":\"L-" + changed + "\"").contains("new.address@example.cn");
            assertThat(externalIds(crm)).as("no second create").hasSize(QUALIFIED);
        }
    }

    private void assertDeliveredOnceWithOwnersInTurn() {
        for (TestCrm crm : List.of(CRM_A, CRM_B)) {
            for (String id : externalIds(crm)) {
                assertThat(crm.upsertsOf(id)).as("calls carrying " + id).hasSize(1);
            }
            assertThat(crm.upserts()).noneMatch(r -> r.getBodyAsString().contains("cold"));
        }
        Map<String, String> ownersA = owners(CRM_A);
        Map<String, String> ownersB = owners(CRM_B);
        assertThat(ownersA.values().stream().collect(Collectors.groupingBy(o -> o, Collectors.counting())))
                .as("round robin between the two owners").isEqualTo(Map.of("A-ana", 2L, "A-ben", 2L));
        ownersA.forEach((id, owner) -> assertThat(ownersB.get(id)).as("same owner in both CRMs")
                .isEqualTo(owner.replace("A-", "B-")));
    }

    private static void ingest(IngestService ingest, int n, String tag, String email) {
        String phone = "+86138000000%02d".formatted(n);
        Lead lead = new Lead("吴" + n, "公司" + n, null, null,
                List.of(Identifier.phone(phone), Identifier.email(email)), "spreadsheet", List.of(tag), null, null,
                Map.of(), null);
        ingest.submit("routing-test", List.of(new SourceRecord("routing-test:" + phone + ":" + email, "1", lead, null)));
    }

    private static Set<String> externalIds(TestCrm crm) {
        return crm.upserts().stream().map(r -> match(EXTERNAL_ID, r)).collect(Collectors.toSet());
    }

    private static Map<String, String> owners(TestCrm crm) {
        return crm.upserts().stream().collect(Collectors.toMap(r -> match(EXTERNAL_ID, r), r -> match(OWNER, r),
                (a, b) -> a));
    }

    private static String phoneOf(TestCrm crm, String externalId) {
        Matcher m = Pattern.compile("\"Phone\":\"([^\"]+)\"").matcher(crm.upsertsOf(externalId).get(0).getBodyAsString());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String match(Pattern p, LoggedRequest r) {
        Matcher m = p.matcher(r.getBodyAsString());
        assertThat(m.find()).as(p + " in " + r.getBodyAsString()).isTrue();
        return m.group(1);
    }

    private static void setUp() throws IOException {
        Files.createDirectories(ROOT.resolve("connectors"));
        Files.createDirectories(ROOT.resolve("plugins"));
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        for (String[] crm : List.of(new String[] {"crm-a", CRM_A.url()}, new String[] {"crm-b", CRM_B.url()})) {
            Files.writeString(ROOT.resolve("connectors/" + crm[0] + ".yml"), """
                    id: %s
                    type: crm-test
                    config:
                      url: %s
                      apiKey: test-key
                      batchSize: 1
                      calls: 1
                      per: 3s
                    """.formatted(crm[0], crm[1]));
        }
        RoutedHub.writeRouting(ROOT, "vip", "{ tags: [vip] }", "{ LastName: name, Phone: \"phones[0]\", Email: emails }");
    }

    private static ConfigurableApplicationContext start() {
        return RoutedHub.start(RoutingEndToEndIT.class, ROOT);
    }
}

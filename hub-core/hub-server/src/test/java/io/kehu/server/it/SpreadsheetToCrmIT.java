package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "done when", the way a user runs it: the example trade-show sheet is dropped into the inbox of
 * the real spreadsheet plugin and the GBK expo sheet is uploaded; the shipped lifecycle model scores the
 * profiles; a rule on stage and fit score routes the qualified ones, round robin over two owners, to two
 * CRMs behind the real webhook-out plugin, paced at one call per 3 s each. The hub is stopped while
 * deliveries are pending and started again. Which profiles qualify is read back from their stored scores,
 * not written into the test. The README tour's dry runs are checked against the same profiles.
 */
class SpreadsheetToCrmIT {

    static final Path ROOT = HubTestSupport.tempRoot("sheet-to-crm");
    static final Path REPO = Path.of(System.getProperty("kehu.plugins.dir", "../../plugins")).resolve("..");
    static final int MIN_FIT = 65;
    static final List<String> STAGES = List.of("lead", "engaged");
    static final Map<String, WebhookCrm> CRMS = Map.of("crm-a", new WebhookCrm("saved"), "crm-b", new WebhookCrm("saved"));

    @AfterAll
    static void stopCrms() {
        CRMS.values().forEach(crm -> crm.server.stop());
    }

    @Test
    void qualifiedLeadsOfTheExampleSheetsReachEachCrmOnceWithTheirRecordedOwnerAcrossARestart() throws IOException {
        setUp();
        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            Files.copy(REPO.resolve("examples/trade-show-leads.csv"), ROOT.resolve("inbox/trade-show-leads.csv"));
            await().atMost(Duration.ofSeconds(60)).until(() -> importStatus(rest, "trade-show-leads.csv"), "COMPLETED"::equals);
            JsonNode expo = rest.upload("/api/v1/connectors/sheets/uploads", REPO.resolve("examples/expo-contacts-gbk.csv"));
            assertThat(expo.path("status").asText()).isEqualTo("COMPLETED");
            // One call per 3 s and CRM: the hub stops with deliveries still pending.
            await().atMost(Duration.ofSeconds(60)).until(() -> !CRMS.get("crm-a").leads().isEmpty());
        }
        int sentBeforeStop = CRMS.values().stream().mapToInt(crm -> crm.leads().size()).sum();

        try (ConfigurableApplicationContext hub = start()) {
            HubRest rest = new HubRest(hub, HubTestSupport.ADMIN_KEY);
            Map<String, JsonNode> lifecycles = lifecycles(rest);
            Set<String> qualified = lifecycles.entrySet().stream().filter(e -> qualifies(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            Set<String> others = lifecycles.keySet().stream().filter(id -> !qualified.contains(id)).collect(Collectors.toSet());
            assertThat(qualified).as("the example sheets have leads that qualify and leads that do not")
                    .hasSizeGreaterThanOrEqualTo(3).hasSizeLessThan(lifecycles.size());
            assertThat(sentBeforeStop).as("delivery was cut short by the stop").isLessThan(2 * qualified.size());
            assertTheTourShowsTheSameLeads(rest, qualified.size());
            assertThat(rest.post("/api/v1/routing/run").path("queued").asLong())
                    .as("the outbox already held every decision when the hub stopped").isZero();
            // Delivered to both and stored as such: nothing is left in the outbox that could be sent again.
            await().atMost(Duration.ofSeconds(90)).until(() -> qualified.stream().allMatch(id -> deliveredToBoth(rest, id)));
            Map<String, String> owners = qualified.stream().collect(Collectors.toMap(Function.identity(),
                    id -> rest.get("/api/v1/profiles/" + id).path("profile").path("owner").asText()));
            Map<String, Long> perOwner = owners.values().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(perOwner.keySet()).as("round robin over both owners").containsExactlyInAnyOrder("ana", "ben");
            assertThat(Math.abs(perOwner.get("ana") - perOwner.get("ben"))).as("owners in turn: " + perOwner)
                    .isLessThanOrEqualTo(1);
            CRMS.forEach((instance, crm) -> assertEachLeadOnceWithItsOwner(instance, crm, owners, others));
        }
    }

    /**
     * The README tour dry-runs the shipped rules (they route no imported lead: a row earns no engagement, so
     * none reaches tier A) and the candidate file {@code examples/routing-well-fit.yml}, whose rule is this
     * test's: it routes the same leads, in turn between its two salespeople.
     */
    private static void assertTheTourShowsTheSameLeads(HubRest rest, int qualified) throws IOException {
        JsonNode shipped = rest.post("/api/v1/routing/dry-run", Files.readString(REPO.resolve("config/routing.yml")));
        assertThat(shipped.path("routed").asLong()).as("leads the shipped rules route").isZero();
        JsonNode candidate = rest.post("/api/v1/routing/dry-run", Files.readString(REPO.resolve("examples/routing-well-fit.yml")));
        assertThat(candidate.path("routed").asLong()).as("leads the tour's candidate rules route").isEqualTo(qualified);
        assertThat(candidate.path("byOwner").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("wang.fang", "li.na");
    }

    /** {@code owners}: the owner each qualified profile records, by profile id. */
    private static void assertEachLeadOnceWithItsOwner(String instance, WebhookCrm crm, Map<String, String> owners,
                                                       Set<String> others) {
        Map<String, List<JsonNode>> byProfile = crm.leads().stream()
                .collect(Collectors.groupingBy(lead -> lead.path("profileId").asText()));
        assertThat(byProfile.keySet()).as("profiles in " + instance).isEqualTo(owners.keySet())
                .doesNotContainAnyElementsOf(others);
        byProfile.forEach((id, leads) -> {
            assertThat(leads).as(id + " in " + instance).hasSize(1);
            assertThat(leads.get(0).path("owner").asText()).as("owner of " + id + " in " + instance)
                    .isEqualTo(RoutedHub.REMOTE_IDS.get(owners.get(id)).get(instance));
        });
    }

    /** The routing rule's condition, evaluated here on what the REST API says a profile's lifecycle is. */
    private static boolean qualifies(JsonNode lifecycle) {
        return STAGES.contains(lifecycle.path("stage").path("id").asText()) && lifecycle.path("fit").asInt() >= MIN_FIT;
    }

    /** Every profile's stored lifecycle, by profile id. */
    private static Map<String, JsonNode> lifecycles(HubRest rest) {
        JsonNode page = rest.get("/api/v1/profiles?size=100");
        assertThat(page.path("total").asLong()).isEqualTo(page.path("items").size());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode p : page.path("items")) {
            String id = p.path("id").asText();
            JsonNode lifecycle = rest.get("/api/v1/profiles/" + id).path("lifecycle");
            assertThat(lifecycle.path("evaluatedOnRead").asBoolean()).as("scored when imported").isFalse();
            out.put(id, lifecycle);
        }
        return out;
    }

    private static String importStatus(HubRest rest, String fileName) {
        return StreamSupport.stream(rest.get("/api/v1/imports?connector=sheets").path("items").spliterator(), false)
                .filter(i -> fileName.equals(i.path("fileName").asText())).map(i -> i.path("status").asText())
                .findFirst().orElse("");
    }

    private static boolean deliveredToBoth(HubRest rest, String profileId) {
        JsonNode deliveries = rest.get("/api/v1/profiles/" + profileId).path("deliveries");
        return deliveries.size() == CRMS.size() && deliveries.findValuesAsText("status").stream().allMatch("DELIVERED"::equals);
    }

    private static void setUp() throws IOException {
        Files.createDirectories(ROOT.resolve("plugins"));
        Files.createDirectories(ROOT.resolve("connectors"));
        Files.createDirectories(ROOT.resolve("inbox"));
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"), "spreadsheet", "webhook-out");
        Files.writeString(ROOT.resolve("connectors/sheets.yml"), """
                id: sheets
                type: spreadsheet
                config:
                  inbox: %s
                  pollInterval: 200ms
                """.formatted(ROOT.resolve("inbox")));
        for (Map.Entry<String, WebhookCrm> crm : CRMS.entrySet()) {
            Files.writeString(ROOT.resolve("connectors/" + crm.getKey() + ".yml"), """
                    id: %s
                    type: webhook-out
                    config:
                      url: %s
                      maxCalls: 1
                      per: 3s
                    """.formatted(crm.getKey(), crm.getValue().leadsUrl()));
        }
        RoutedHub.writeRouting(ROOT, "well-fit-leads", "{ stage: %s, fit: { gte: %d } }".formatted(STAGES, MIN_FIT),
                "{ LastName: name, Company: \"${company|个人}\", Email: \"emails[0]\", Phone: \"phones[0]\", Fit: fit }");
    }

    private static ConfigurableApplicationContext start() {
        return RoutedHub.start(SpreadsheetToCrmIT.class, ROOT,
                "--hub.lifecycle-file=" + REPO.resolve("config/lifecycle.yml").toAbsolutePath().normalize());
    }
}

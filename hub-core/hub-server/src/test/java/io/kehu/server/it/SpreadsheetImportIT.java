package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Spreadsheets end to end: the real plugin jar, REST upload and inbox polling, the real
 * Elasticsearch node, and the example files shipped for the README tour.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@AutoConfigureObservability(tracing = false) // tests turn metrics export off unless asked; the scrape is tested here
class SpreadsheetImportIT extends HubTestSupport {

    static final Path ROOT = tempRoot("sheets");
    static final Path EXAMPLES = Path.of(System.getProperty("kehu.plugins.dir", "../../plugins")).resolve("../examples");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, SpreadsheetImportIT.class, ROOT);
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"));
        Files.writeString(ROOT.resolve("connectors/sheets.yml"), """
                id: sheets
                type: spreadsheet
                config:
                  inbox: %s
                  pollInterval: 200ms
                """.formatted(ROOT.resolve("inbox")));
        registry.add("hub.metrics.gauge-interval", () -> "1s");
    }

    @Test
    @Order(1)
    void importsTheTradeShowExampleReportingBadRowsAndResolvingPeople() {
        JsonNode report = upload("trade-show-leads.csv", EXAMPLES.resolve("trade-show-leads.csv"));

        assertThat(report.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("rowsRead").asLong()).isEqualTo(15);
        assertThat(report.path("rejectedCount").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").findValuesAsText("row")).containsExactly("8", "12");
        assertThat(report.path("rejected").get(0).path("reason").asText()).containsIgnoringCase("scientific");
        assertThat(report.path("imported").asLong()).isEqualTo(13);
        assertThat(profileTotal()).isEqualTo(10);

        // 陈静: phone in one row, e-mail in another, both in a third: one profile, three interactions.
        JsonNode hits = search("陈静");
        assertThat(hits.path("total").asLong()).isEqualTo(1);
        JsonNode chen = hits.path("items").get(0);
        assertThat(chen.path("phones").toString()).contains("+8613912345678");
        // A result carries its stage badge and tier, not the scoring's working data.
        assertThat(chen.path("lifecycle").path("stage").path("id").asText()).isEqualTo("lead");
        assertThat(chen.path("lifecycle").path("stage").path("nameZh").asText()).isEqualTo("线索");
        assertThat(chen.path("lifecycle").path("tier").asText()).isEqualTo("C");
        assertThat(chen.path("lifecycle").has("reasons")).isFalse();
        assertThat(chen.path("lifecycle").has("signals")).isFalse();
        assertThat(chen.path("emails").toString()).contains("chen.jing@lanxin-soft.cn");
        JsonNode full = call(HttpMethod.GET, "/api/v1/profiles/" + chen.path("id").asText(), SALES_KEY, null, JsonNode.class).getBody();
        assertThat(full.path("interactionCount").asLong()).isEqualTo(3);
        assertThat(full.path("timeline").findValuesAsText("channel")).containsOnly("spreadsheet");
        // Her score explains itself: company, title, phone and e-mail are all known.
        JsonNode score = full.path("lifecycle");
        assertThat(score.path("tier").asText()).isIn("A", "B", "C");
        assertThat(score.path("fit").asInt()).isBetween(1, 100);
        assertThat(score.path("reasons").findValuesAsText("rule")).contains("hasCompany", "hasTitle", "hasPhoneAndEmail");
    }

    @Test
    @Order(2)
    void searchFindsPeopleByAnySpellingOfTheirPhoneOrEmailAndByCompany() {
        assertThat(search("+86 139-1234-5678").path("items").get(0).path("name").asText()).isEqualTo("陈静");
        assertThat(search("１３９１２３４５６７８").path("items").get(0).path("name").asText()).isEqualTo("陈静");
        assertThat(search("Zhang.Wei@HUAXIN-TECH.cn").path("items").get(0).path("name").asText()).isEqualTo("张伟");
        assertThat(search("远景物流").path("items").get(0).path("name").asText()).isEqualTo("李娜");
        JsonNode vip = call(HttpMethod.GET, "/api/v1/profiles?tag=VIP", SALES_KEY, null, JsonNode.class).getBody();
        assertThat(vip.path("items").findValuesAsText("name")).containsExactly("张伟");
    }

    @Test
    @Order(3)
    void importingTheSameContentAgainAddsNothing() throws IOException {
        Path copy = ROOT.resolve("renamed.csv");
        Files.copy(EXAMPLES.resolve("trade-show-leads.csv"), copy);
        long interactionsBefore = interactionsOf("陈静");

        JsonNode again = upload("renamed.csv", copy);

        assertThat(again.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(again.path("rowsRead").asLong()).isEqualTo(15);
        assertThat(profileTotal()).isEqualTo(10);
        assertThat(interactionsOf("陈静")).isEqualTo(interactionsBefore);
    }

    @Test
    @Order(4)
    void aGbkFileMergesIntoTheSamePeople() {
        JsonNode report = upload("expo-contacts-gbk.csv", EXAMPLES.resolve("expo-contacts-gbk.csv"));

        assertThat(report.path("rowsRead").asLong()).isEqualTo(6);
        assertThat(report.path("rejectedCount").asLong()).isZero();
        // 王芳 and 李娜 were already known by e-mail; four people are new.
        assertThat(profileTotal()).isEqualTo(14);
        JsonNode liNa = search("Li Na").path("items").get(0);
        assertThat(liNa.path("names").toString()).contains("李娜").contains("Li Na 李娜");
        assertThat(search("海港贸易").path("items").get(0).path("name").asText()).isEqualTo("Emily Zhou");
    }

    @Test
    @Order(5)
    void aMalformedRowIsReportedAndTheRestImported() throws IOException {
        Path file = ROOT.resolve("broken.csv");
        Files.writeString(file, """
                姓名,手机,邮箱
                甲一,13311112222,
                "乙二,13311113333,yi@qiye.cn
                丙三,13311114444,
                丁四,,ding@qiye.cn
                """);

        JsonNode report = upload("broken.csv", file);

        assertThat(report.path("rejected").findValuesAsText("row")).containsExactly("3");
        assertThat(search("丙三").path("total").asLong()).isEqualTo(1);
        assertThat(search("丁四").path("total").asLong()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void anXlsxDroppedIntoTheInboxIsImportedAndMovedAside() throws IOException {
        Path inbox = ROOT.resolve("inbox");
        Path staging = ROOT.resolve("staging.xlsx");
        try (OutputStream out = Files.newOutputStream(staging); Workbook wb = new Workbook(out, "test", "1.0")) {
            Worksheet ws = wb.newWorksheet("Leads");
            ws.value(0, 0, "Name");
            ws.value(0, 1, "Mobile");
            ws.value(0, 2, "Company");
            ws.value(1, 0, "Olivia Wang");
            ws.value(1, 1, 13512348765L);
            ws.value(1, 2, "Northwind 北风贸易");
        }
        Files.createDirectories(inbox);
        Files.move(staging, inbox.resolve("crm-export.xlsx"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(search("Olivia").path("total").asLong()).isEqualTo(1));
        assertThat(search("13512348765").path("items").get(0).path("company").asText()).isEqualTo("Northwind 北风贸易");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve("crm-export.xlsx")));
        try (var processed = Files.walk(inbox.resolve(".processed"))) {
            assertThat(processed.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains("crm-export"));
        }
        // The import list is a search: it shows a finished import after the next refresh.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call(HttpMethod.GET,
                "/api/v1/imports?connector=sheets", SALES_KEY, null, JsonNode.class).getBody().path("items")
                .findValuesAsText("fileName")).contains("crm-export.xlsx"));
    }

    @Test
    @Order(7)
    void prometheusSeesTheInstanceCountersItsIngestTimingsAndWhetherItRuns() {
        assertThat(call(HttpMethod.GET, "/actuator/prometheus", null, null, String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(call(HttpMethod.GET, "/actuator/prometheus", SALES_KEY, null, String.class).getStatusCode().value())
                .isEqualTo(403);
        JsonNode counters = call(HttpMethod.GET, "/api/v1/connectors/sheets/health", INTEGRATOR_KEY, null,
                JsonNode.class).getBody().path("counters");
        assertThat(counters.path("rows.read").asLong()).isPositive();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String scrape = call(HttpMethod.GET, "/actuator/prometheus", INTEGRATOR_KEY, null, String.class).getBody();
            counters.fields().forEachRemaining(c -> assertThat(scrape).contains(
                    "kehu_connector_events_total{connector=\"sheets\",event=\"" + c.getKey() + "\",plugin=\"spreadsheet\"} "
                            + (double) c.getValue().asLong()));
            assertThat(scrape).containsPattern("kehu_ingest_batch_seconds_count\\{connector=\"sheets\"} [1-9]");
            assertThat(scrape).contains("kehu_connector_up{connector=\"sheets\",kind=\"SOURCE\",plugin=\"spreadsheet\"} 1.0");
            assertThat(scrape).contains("kehu_deadletters{connector=\"sheets\",status=\"NEW\"} 0.0");
            assertThat(scrape).doesNotContain("陈静", "13912345678", INTEGRATOR_KEY);
        });
    }

    private JsonNode upload(String name, Path file) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        var r = call(HttpMethod.POST, "/api/v1/connectors/sheets/uploads", INTEGRATOR_KEY, form, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        return r.getBody();
    }

    private JsonNode search(String q) {
        return call(HttpMethod.GET, "/api/v1/profiles?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8),
                SALES_KEY, null, JsonNode.class).getBody();
    }

    private long profileTotal() {
        return call(HttpMethod.GET, "/api/v1/profiles?size=1", SALES_KEY, null, JsonNode.class).getBody().path("total").asLong();
    }

    private long interactionsOf(String q) {
        String id = search(q).path("items").get(0).path("id").asText();
        return call(HttpMethod.GET, "/api/v1/profiles/" + id, SALES_KEY, null, JsonNode.class).getBody()
                .path("interactionCount").asLong();
    }
}

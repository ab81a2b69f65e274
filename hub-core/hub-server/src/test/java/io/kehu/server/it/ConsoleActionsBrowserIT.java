package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.server.privacy.SuppressionCheck;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's actions in a real headless Chromium, done through the page's own forms and buttons as a user
 * does them, each checked on the page and then through the REST API: uploading a sheet on the imports page,
 * claiming a pooled lead (抢单), replaying a dead letter once its cause is fixed, and erasing a person. Each
 * test brings its own people, so they run in any order against the one hub of the class.
 */
class ConsoleActionsBrowserIT extends ConsoleBrowserSupport {

    static final Path ROOT = tempRoot("console-actions");
    static final TestCrm CRM = new TestCrm("session", "upsert");
    /** A salesperson's own key, tied to her owner id, so the claim pool lets her claim. */
    static final String ANA_KEY = "test-sales-ana-4b7e";
    static final String FORM_TOKEN = "form-token-actions-5566";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        hubProperties(registry, ConsoleActionsBrowserIT.class, ROOT);
        registry.add("hub.security.api-keys", () -> String.join(",", "admin:admin:" + hash(ADMIN_KEY),
                "ivan:integrator:" + hash(INTEGRATOR_KEY), "sara:sales:" + hash(SALES_KEY), "ana:sales:" + hash(ANA_KEY) + ":ana"));
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"), "spreadsheet", "webform");
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        Files.writeString(ROOT.resolve("connectors/sheets.yml"), """
                id: sheets
                type: spreadsheet
                config:
                  inbox: %s
                """.formatted(ROOT.resolve("inbox")));
        Files.writeString(ROOT.resolve("connectors/crm-pool.yml"), """
                id: crm-pool
                type: crm-test
                config: { url: %s, apiKey: test-key }
                """.formatted(CRM.url()));
        // Leads tagged "pool" are offered to ana and ben for an hour; nothing else is routed.
        Files.writeString(ROOT.resolve("routing.yml"), """
                version: 1
                owners:
                  - { id: ana, name: Ana, remoteIds: { crm-pool: U-ana } }
                  - { id: ben, name: Ben, remoteIds: { crm-pool: U-ben } }
                defaultAssignee: ben
                rules:
                  - id: fair
                    when: { tags: [pool] }
                    destinations:
                      - instance: crm-pool
                        required: [LastName]
                        fields: { LastName: name }
                    assignment:
                      strategy: claimPool
                      params: { owners: [ana, ben], timeout: 1h }
                      fallback: ben
                """);
        registry.add("hub.routing-file", () -> ROOT.resolve("routing.yml").toString());
        registry.add("hub.routing.interval", () -> "0");
        registry.add("hub.routing.min-gap", () -> "1s");
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void anIntegratorUploadsAGbkSheetOnTheImportsPageAndReadsTheReportWithTheRejectedRow() throws Exception {
        Path sheet = dir.resolve("展会名单.csv");
        Files.write(sheet, ("姓名,手机,邮箱,公司\n欧阳锋,137 1111 0001,,白驼山庄\n洪七公,,Hong.Qigong@Gaibang.cn,丐帮\n段智兴,,,大理段氏\n")
                .getBytes(Charset.forName("GBK")));
        openConsole("zh-CN", "#/imports");
        signIn(INTEGRATOR_KEY);
        browser.waitUntil("!!document.querySelector('main select[name=connector] option')");
        assertThat(browser.text("main select[name=connector] option")).as("the instance's state in the page's language")
                .isEqualTo("sheets (运行中)");

        String id = uploadOnImportsPage(sheet, "上传并导入");

        Map<String, String> report = facts("main");
        assertThat(report).containsEntry("读取行数", "3").containsEntry("已导入", "2").containsEntry("拒绝", "1");
        assertThat(browser.text("main section h2")).isEqualTo("展会名单.csv");
        assertThat(rows("main table")).containsExactly(List.of("4", "no phone, email or other identifier in this row"));

        JsonNode stored = get("/api/v1/imports/" + id, INTEGRATOR_KEY);
        assertThat(stored.path("fileName").asText()).isEqualTo("展会名单.csv");
        assertThat(stored.path("rowsRead").asLong()).isEqualTo(3);
        assertThat(stored.path("imported").asLong()).isEqualTo(2);
        assertThat(stored.path("rejected").findValuesAsText("row")).containsExactly("4");
        JsonNode ouyang = get("/api/v1/profiles?q=13711110001", SALES_KEY);
        assertThat(ouyang.path("items").findValuesAsText("name")).containsExactly("欧阳锋");
        assertThat(ouyang.path("items").get(0).path("companies").toString()).contains("白驼山庄");
        assertThat(get("/api/v1/profiles?q=" + enc("hong.qigong@gaibang.cn"), SALES_KEY).path("items").findValuesAsText("name"))
                .containsExactly("洪七公");
        assertThat(get("/api/v1/profiles?q=" + enc("段智兴"), SALES_KEY).path("total").asLong()).isZero();
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    @Test
    void aSalespersonClaimsAPooledLeadAndBecomesItsOwner() throws Exception {
        Path sheet = dir.resolve("pool.csv");
        Files.writeString(sheet, "姓名,手机,标签\n令狐冲,13711110002,pool\n");
        upload(sheet);
        String id = get("/api/v1/profiles?q=13711110002", SALES_KEY).path("items").get(0).path("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> pooledIds().contains(id));

        openConsole("zh-CN", "#/claims");
        signIn(ANA_KEY);
        String row = "[...document.querySelectorAll('main tbody tr')].find(tr => tr.innerText.includes('令狐冲'))";
        browser.waitUntil("!!" + row);
        browser.evaluate(row + ".querySelector('button').click()");

        browser.waitUntil("!!document.querySelector('main .alert.ok')");
        assertThat(browser.text("main .alert.ok")).contains("抢单成功").contains("ana");
        assertThat(browser.evaluate("!" + row).asBoolean()).as("the claimed lead leaves the list").isTrue();
        click("main .alert.ok a", "查看客户");
        browser.waitUntil("location.hash === '#/profile/" + id + "' && !!document.querySelector('main h1')");
        assertThat(browser.text("main .profile-head")).contains("令狐冲").contains("负责人: ana");

        JsonNode profile = get("/api/v1/profiles/" + id, SALES_KEY).path("profile");
        assertThat(profile.path("owner").asText()).isEqualTo("ana");
        await().atMost(Duration.ofSeconds(30)).until(() -> !pooledIds().contains(id));
        await().atMost(Duration.ofSeconds(30)).until(() -> CRM.upsertsOf("kehu-" + id).size() == 1);
        assertThat(CRM.upsertsOf("kehu-" + id).get(0).getBodyAsString()).contains("\"owner\":\"U-ana\"");
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    @Test
    void anIntegratorReplaysADeadLetterWhichFailsUntilTheFormMappingIsFixedAndThenThePersonArrives() throws Exception {
        assertThat(call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, Map.of("id", "form-replay", "type", "webform",
                "config", Map.of("secret", FORM_TOKEN)), String.class).getStatusCode().value()).isEqualTo(201);
        // The site's form names its fields itself: no phone is found, so the post is refused and kept as a dead letter.
        assertThat(postForm("form-replay", "{\"who\":\"任盈盈\",\"contact_no\":\"0086-137 1111 0003\"}")).isEqualTo(400);
        JsonNode letters = await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/dead-letters?connector=form-replay",
                INTEGRATOR_KEY), l -> l.path("total").asLong() == 1);
        String letter = letters.path("items").get(0).path("id").asText();
        openConsole("en", "#/dead-letters?connector=form-replay");
        signIn(INTEGRATOR_KEY);

        click("main tbody button", "Replay");
        browser.waitUntil("!!document.querySelector('main .alert.error')");
        assertThat(browser.text("main .alert.error")).contains("No phone number or e-mail address");
        // The row is drawn again from the letter as stored, once the replay has answered.
        browser.waitUntil("document.querySelector('main tbody tr td:nth-child(4)').innerText.trim() === 'failed'");

        assertThat(call(HttpMethod.PUT, "/api/v1/connectors/form-replay", INTEGRATOR_KEY, Map.of("type", "webform",
                "config", Map.of("secret", FORM_TOKEN, "mapping", Map.of("who", "name", "contact_no", "phone"))), String.class)
                .getStatusCode().value()).isEqualTo(200);
        click("main tbody button", "Replay");

        browser.waitUntil("!!document.querySelector('main .alert.ok')");
        assertThat(browser.text("main .alert.ok")).isEqualTo("Replayed " + letter + ": replayed");
        browser.waitUntil("document.querySelector('main tbody tr td:nth-child(4)').innerText.trim() === 'replayed'");
        List<String> cells = rows("main table").get(0);
        assertThat(cells.get(5)).as("attempts: the one that made it a letter and two replays").isEqualTo("3");
        assertThat(browser.evaluate("[...document.querySelectorAll('main tbody button')].map(b => b.textContent)"))
                .as("a replayed letter can no longer be discarded").extracting(JsonNode::asText).containsExactly("Replay");

        assertThat(get("/api/v1/dead-letters/" + letter, INTEGRATOR_KEY).path("status").asText()).isEqualTo("REPLAYED");
        JsonNode found = get("/api/v1/profiles?q=13711110003", SALES_KEY);
        assertThat(found.path("items").findValuesAsText("name")).containsExactly("任盈盈");
        String profile = found.path("items").get(0).path("id").asText();
        assertThat(get("/api/v1/profiles/" + profile, SALES_KEY).path("timeline").findValuesAsText("connectorId"))
                .contains("form-replay");
        assertThat(browser.errors()).as("only the refused first replay failed to load").singleElement().asString()
                .contains("/api/v1/dead-letters/" + letter + "/replay").contains("400");
    }

    @Test
    void anAdminErasesAPersonOnTheProfilePageAndAnOldSheetCannotBringHerBack() throws Exception {
        Path sheet = dir.resolve("crm-export.csv");
        Files.writeString(sheet, "姓名,手机,邮箱\n岳灵珊,13711110004,yue.lingshan@huashan.cn\n");
        upload(sheet);
        String id = get("/api/v1/profiles?q=13711110004", SALES_KEY).path("items").get(0).path("id").asText();

        openConsole("en", "#/profile/" + id);
        signIn(ADMIN_KEY);
        browser.waitUntil("!!document.querySelector('form.erase-form')");
        type("form.erase-form input[name=reason]", "PIPL Art. 47 request");
        assertThat(browser.evaluate("document.querySelector('form.erase-form input[name=suppress]').checked").asBoolean())
                .as("suppression is on by default").isTrue();
        assertThat(browser.evaluate("document.querySelector('form.erase-form button[type=submit]').disabled").asBoolean())
                .as("no erasure before the id is typed").isTrue();
        type("form.erase-form input[name=confirm]", id);
        click("form.erase-form button[type=submit]", "Erase personal data");

        browser.waitUntil("document.querySelector('main h1').innerText === 'Personal data erased'");
        assertThat(browser.text("main .alert.ok")).contains(id);
        Map<String, String> record = facts("main");
        assertThat(record).containsEntry("Status", "completed").containsEntry("Reason", "PIPL Art. 47 request")
                .containsEntry("Identifiers suppressed", "2");
        assertThat(browser.text("main")).doesNotContain("岳灵珊").doesNotContain("13711110004");

        assertThat(get("/api/v1/profiles?q=13711110004", SALES_KEY).path("total").asLong()).isZero();
        assertThat(call(HttpMethod.GET, "/api/v1/profiles/" + id, SALES_KEY, null, String.class).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get("/api/v1/privacy/erasures", ADMIN_KEY).path("items").findValuesAsText("profileId")).contains(id);

        click("main a", "All erasure records");
        browser.waitUntil("!!document.querySelector('main table')");
        assertThat(rows("main table")).anySatisfy(r -> assertThat(r.get(1)).isEqualTo(id));

        // Another department's old sheet still has her, with its columns in another order.
        Path old = dir.resolve("old-sales-list.csv");
        Files.writeString(old, "邮箱,姓名,手机\nyue.lingshan@huashan.cn,岳灵珊,13711110004\n");
        browser.evaluate("location.hash = '#/imports'");
        uploadOnImportsPage(old, "Upload and import");
        assertThat(facts("main")).containsEntry("Imported", "0").containsEntry("Rejected", "1");
        assertThat(rows("main table")).containsExactly(List.of("2", SuppressionCheck.REASON));
        assertThat(get("/api/v1/profiles?q=13711110004", SALES_KEY).path("total").asLong()).isZero();
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    /** Chooses {@code file} in the imports page's upload form and submits it; answers the import id it opens. */
    private String uploadOnImportsPage(Path file, String button) throws Exception {
        browser.waitUntil("!!document.querySelector('main select[name=connector] option[value=sheets]')");
        browser.chooseFiles("main input[type=file][name=file]", file);
        click("main form button[type=submit]", button);
        browser.waitUntil("location.hash.startsWith('#/imports/') && !!document.querySelector('main dl.facts')");
        return browser.evaluate("decodeURIComponent(location.hash.substring('#/imports/'.length))").asText();
    }

    private List<String> pooledIds() {
        return get("/api/v1/claims?size=100", ANA_KEY).path("items").findValuesAsText("profileId");
    }

    private int postForm(String instance, String json) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8));
        return rest.exchange(java.net.URI.create(rest.getRootUri() + "/hooks/" + instance + "?token=" + FORM_TOKEN),
                HttpMethod.POST, new HttpEntity<>(json.getBytes(StandardCharsets.UTF_8), h), String.class).getStatusCode().value();
    }
}

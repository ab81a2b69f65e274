package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium against the real hub, as a salesperson uses it: sign in with a key,
 * search in Chinese, open the person, read her timeline, switch to English. Every script exception, console
 * error and failed load fails the test. CI installs Debian's Chromium ({@code .ci/run}) and sets
 * {@code KEHU_BROWSER_REQUIRED}, so there a missing browser fails instead of skipping.
 */
class ConsoleBrowserIT extends ConsoleBrowserSupport {

    static final Path ROOT = tempRoot("console-browser");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        hubProperties(registry, ConsoleBrowserIT.class, ROOT);
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"));
        Files.writeString(ROOT.resolve("connectors/sheets.yml"), """
                id: sheets
                type: spreadsheet
                config:
                  inbox: %s
                """.formatted(ROOT.resolve("inbox")));
    }

    @BeforeEach
    void importTheTradeShowExample() {
        if (get("/api/v1/profiles?q=" + enc("陈静"), SALES_KEY).path("total").asInt() == 0) {
            upload(SpreadsheetImportIT.EXAMPLES.resolve("trade-show-leads.csv"));
        }
    }

    @Test
    void aSalespersonSignsInSearchesInChineseOpensTheProfileAndSwitchesToEnglish() throws Exception {
        openConsole("zh-CN", "");
        assertThat(browser.text("main h1")).isEqualTo("登录");

        signIn(SALES_KEY);
        browser.waitUntil("!!document.querySelector('input[name=q]')");
        assertThat(browser.text("#whoami")).contains("sara");
        assertThat(browser.evaluate("document.querySelector('a[data-route=privacy]').hidden").asBoolean())
                .as("the admin's page is not offered to sales").isTrue();
        assertThat(browser.evaluate("document.querySelector('a[data-route=search]').hidden").asBoolean()).isFalse();

        browser.evaluate("(() => { const q = document.querySelector('input[name=q]'); q.value = '陈静'; "
                + "q.form.requestSubmit(); return true; })()");
        browser.waitUntil("[...document.querySelectorAll('.results a')].some(a => a.textContent === '陈静')");
        assertThat(browser.text(".results")).contains("共 1").contains("蓝信软件");
        assertThat(browser.evaluate("!!document.querySelector('.results .export')").asBoolean())
                .as("exporting is for admins").isFalse();

        click(".results a", "陈静");
        browser.waitUntil("location.hash.startsWith('#/profile/') && document.querySelectorAll('ol.timeline li').length > 0");
        String profile = browser.text("main");
        assertThat(profile).contains("+8613912345678").contains("chen.jing@lanxin-soft.cn").contains("时间线");
        assertThat(browser.evaluate("document.querySelectorAll('ol.timeline li').length").asInt())
                .as("her three rows are three interactions").isEqualTo(3);

        browser.evaluate("(() => { const s = document.getElementById('lang'); s.value = 'en'; "
                + "s.dispatchEvent(new Event('change')); return true; })()");
        browser.waitUntil("document.documentElement.lang === 'en' && document.querySelector('main').innerText.includes('Timeline')");
        assertThat(browser.text("a[data-route=search]")).isEqualTo("Search");
        assertThat(browser.text("main")).contains("+8613912345678").doesNotContain("时间线");

        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
        assertThat(browser.evaluate("document.documentElement.outerHTML").asText()).doesNotContain(SALES_KEY);
    }

    @Test
    void anAdminFindsAPersonByPinyinAndExportsWhatTheSearchFoundAsCsv() throws Exception {
        openConsole("zh-CN", "");
        signIn(ADMIN_KEY);
        browser.waitUntil("!!document.querySelector('input[name=q]')");
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        browser.downloadTo(downloads);

        browser.evaluate("(() => { const q = document.querySelector('input[name=q]'); q.value = 'chenj'; "
                + "q.form.requestSubmit(); return true; })()");
        browser.waitUntil("[...document.querySelectorAll('.results a')].some(a => a.textContent === '陈静')");
        click(".results .export button", "导出 CSV");
        waitForText("已下载");

        Path file = await().atMost(Duration.ofSeconds(30)).until(() -> saved(downloads), f -> f != null);
        assertThat(file.getFileName().toString()).matches("kehu-profiles-\\d{8}\\.csv");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).as("UTF-8 byte-order mark, for Excel").startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines.get(0)).startsWith("姓名,手机,邮箱,公司");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("陈静,+8613912345678,chen.jing@lanxin-soft.cn,");
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    /** The file the browser finished saving into {@code dir}, or null while there is none (Chromium writes *.crdownload first). */
    private static Path saved(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst().orElse(null);
        }
    }

    @Test
    void everyPageAnAdminCanOpenRendersItsDataWithoutAnError() throws Exception {
        openConsole("en", "");
        signIn(ADMIN_KEY);
        browser.waitUntil("!!document.querySelector('input[name=q]')");
        List<String> routes = new ArrayList<>();
        for (JsonNode r : browser.evaluate("[...document.querySelectorAll('#nav a')].filter(a => !a.hidden)"
                + ".map(a => a.getAttribute('data-route'))")) {
            routes.add(r.asText());
        }
        assertThat(routes).as("an admin is offered every page")
                .containsExactly("search", "funnel", "claims", "imports", "connectors", "dead-letters", "duplicates", "blocked", "privacy");

        for (String route : routes) {
            browser.evaluate("location.hash = '#/" + route + "'");
            // Drawn: the page's heading is up, nothing is still loading, and no call failed.
            browser.waitUntil("document.querySelector('#nav a[data-route=\"" + route + "\"]').getAttribute('aria-current') === 'page'"
                    + " && !!document.querySelector('main h1') && !document.querySelector('main [role=status]')");
            assertThat(browser.evaluate("!!document.querySelector('main .alert.error')").asBoolean()).as(route).isFalse();
        }
        browser.evaluate("location.hash = '#/imports'");
        waitForText("trade-show-leads.csv");
        browser.evaluate("location.hash = '#/connectors'");
        waitForText("sheets");
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    @Test
    void aWrongKeyIsRefusedOnTheSignInPageAndNothingElseIsShown() throws Exception {
        openConsole("zh-CN", "#/search?q=" + enc("陈静"));

        signIn("not-a-key");

        waitForText("未被接受");
        assertThat(browser.evaluate("!!document.querySelector('input[name=key]')").asBoolean()).isTrue();
        assertThat(browser.evaluate("document.getElementById('nav').hidden").asBoolean()).isTrue();
        assertThat(browser.text("main")).doesNotContain("陈静");
    }

    @Test
    void anAdminUndoesAMergeAndThenLetsTheTwoMergeAgain() throws Exception {
        // 郭靖 by phone and 黄蓉 by e-mail, then a row that links both: the second file merges two stored profiles.
        Path first = dir.resolve("guo-huang-1.csv");
        Files.writeString(first, "姓名,手机,邮箱\n郭靖,13800001111,\n黄蓉,,huang.rong@taohua.cn\n");
        Path second = dir.resolve("guo-huang-2.csv");
        Files.writeString(second, "姓名,手机,邮箱\n郭靖,13800001111,huang.rong@taohua.cn\n");
        upload(first);
        upload(second);
        JsonNode hit = call(HttpMethod.GET, "/api/v1/profiles?q=13800001111", SALES_KEY, null, JsonNode.class).getBody()
                .path("items").get(0);
        String survivor = hit.path("id").asText();
        String restored = hit.path("mergedFrom").get(0).asText();

        openConsole("en", "#/profile/" + survivor);
        signIn(ADMIN_KEY);
        browser.evaluate("window.confirm = () => true");
        click("main button", "Undo merge");
        click("form.undo-form button[type=submit]", "Undo merge");
        browser.waitUntil("document.querySelector('.alert.ok') !== null");
        assertThat(browser.text(".alert.ok")).contains("Merge undone").contains(restored);

        click("main button", "Reload profile");
        waitForText("Kept apart from");
        assertThat(browser.evaluate("[...document.querySelectorAll('main a')].some(a => a.textContent === '" + restored + "')")
                .asBoolean()).as("the never-merge pair links to the restored profile").isTrue();
        browser.evaluate("window.confirm = () => true");
        click("main button", "Allow merging");
        waitForText("No profile is kept apart from this one.");

        assertThat(call(HttpMethod.GET, "/api/v1/identity/never-merge?profile=" + survivor, SALES_KEY, null, JsonNode.class)
                .getBody()).isEmpty();
        // Which of the two was folded in depends on their ids (both were created at once); each gets its own back.
        String restoredIds = contacts(restored);
        String survivorIds = contacts(survivor);
        for (String contact : new String[] {"+8613800001111", "huang.rong@taohua.cn"}) {
            assertThat(restoredIds.contains(contact)).as(contact).isNotEqualTo(survivorIds.contains(contact));
        }
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    private String contacts(String profileId) {
        JsonNode p = call(HttpMethod.GET, "/api/v1/profiles/" + profileId, SALES_KEY, null, JsonNode.class).getBody().path("profile");
        return p.path("phones").toString() + p.path("emails");
    }
}

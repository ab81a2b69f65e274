package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connectors page in a real headless Chromium: an integrator wires a web form from the console (the form is
 * generated from the type's schema), changes it without retyping its secret and deletes it, each step checked on
 * the page, through the REST API and at the form's hook; a destination shows its calls today against its budget,
 * and a file-defined instance opens read-only.
 */
class ConsoleConnectorsBrowserIT extends ConsoleBrowserSupport {

    static final Path ROOT = tempRoot("console-connectors");
    static final TestCrm CRM = new TestCrm("session", "upsert");
    static final String FORM_TOKEN = "expo-token-2026-abcdef";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        hubProperties(registry, ConsoleConnectorsBrowserIT.class, ROOT);
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"), "webform");
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        Files.writeString(ROOT.resolve("connectors/crm-budget.yml"), """
                id: crm-budget
                type: crm-test
                config: { url: %s, apiKey: file-api-key-1, dailyCallBudget: 20000, dailyBudgetZone: Asia/Shanghai }
                """.formatted(CRM.url()));
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void anIntegratorCreatesAWebFormFromTheConsoleChangesItWithoutRetypingTheSecretAndDeletesIt() throws Exception {
        openConsole("en", "#/connectors");
        signIn(INTEGRATOR_KEY);
        click("main a", "New instance");
        browser.waitUntil("!!document.querySelector('main select[name=type] option[value=webform]')");
        choose("main select[name=type]", "webform");
        browser.waitUntil("!!document.querySelector('#cf-secret')");
        assertThat(browser.evaluate("document.querySelector('#cf-secret').type").asText()).isEqualTo("password");
        assertThat(browser.evaluate("document.querySelector('#cf-preset').tagName").asText()).as("an enum is a choice").isEqualTo("SELECT");
        assertThat(browser.evaluate("document.querySelector('#cf-signatureTolerance').placeholder").asText()).contains("30s");
        assertThat(browser.text("[data-key=secret] label")).as("required mark").contains("*");
        assertThat(browser.text("[data-key=secret] .help")).contains("shared token");

        type("main input[name=id]", "expo-form");
        type("#cf-secret", "short");
        type("#cf-mapping", "who: name\ncontact: phone");
        type("#cf-source", "Expo 2026");
        click("main form button", "Validate");
        browser.waitUntil("!document.querySelector('#cf-secret-problems').hidden");
        assertThat(browser.text("#cf-secret-problems")).contains("at least 16 characters");
        assertThat(browser.evaluate("document.querySelector('#cf-secret').getAttribute('aria-invalid')").asText()).isEqualTo("true");
        assertThat(browser.text("main .alert.error")).contains("Problems found: 1");
        assertThat(status(HttpMethod.GET, "/api/v1/connectors/expo-form")).as("validating saves nothing").isEqualTo(404);

        type("#cf-secret", FORM_TOKEN);
        click("main form button[type=submit]", "Create");
        browser.waitUntil("location.hash.startsWith('#/connectors') && !!document.querySelector('main .alert.ok')");
        assertThat(browser.text("main .alert.ok")).isEqualTo("Created expo-form.");
        String row = "[...document.querySelectorAll('main tbody tr')].find(tr => tr.cells[0].innerText.trim() === 'expo-form')";
        browser.waitUntil("!!" + row);
        assertThat(browser.evaluate(row + ".cells[2].innerText").asText()).contains("running");

        JsonNode created = get("/api/v1/connectors/expo-form", INTEGRATOR_KEY);
        assertThat(created.path("state").asText()).isEqualTo("RUNNING");
        assertThat(created.path("config").path("secret").asText()).isEqualTo("******");
        assertThat(created.path("config").path("mapping").path("who").asText()).isEqualTo("name");
        assertThat(postForm("expo-form", FORM_TOKEN, "{\"who\":\"黄蓉\",\"contact\":\"13722220001\"}")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/profiles?q=13722220001", SALES_KEY)
                .path("items").findValuesAsText("name").contains("黄蓉"));

        browser.evaluate(row + ".querySelector('a[href^=\"#/connector-form/\"]').click()");
        browser.waitUntil("!!document.querySelector('#cf-secret') && document.querySelector('main input[name=id]').readOnly");
        assertThat(browser.evaluate("document.querySelector('#cf-secret').value").asText()).as("a secret is never pre-filled").isEmpty();
        assertThat(browser.evaluate("document.querySelector('#cf-secret').placeholder").asText()).isEqualTo("unchanged (type to replace)");
        assertThat(browser.evaluate("document.querySelector('#cf-mapping').value").asText()).isEqualTo("who: name\ncontact: phone");
        assertThat(browser.evaluate("document.querySelector('#cf-source').value").asText()).isEqualTo("Expo 2026");
        type("#cf-source", "Expo 2027");
        click("main form button[type=submit]", "Save");
        browser.waitUntil("!!document.querySelector('main .alert.ok')");
        assertThat(browser.text("main .alert.ok")).isEqualTo("Saved expo-form.");

        JsonNode changed = get("/api/v1/connectors/expo-form", INTEGRATOR_KEY);
        assertThat(changed.path("config").path("source").asText()).isEqualTo("Expo 2027");
        assertThat(changed.path("state").asText()).isEqualTo("RUNNING");
        assertThat(postForm("expo-form", FORM_TOKEN, "{\"who\":\"郭靖\",\"contact\":\"13722220002\"}"))
                .as("the secret kept its value").isEqualTo(200);
        assertThat(postForm("expo-form", "not-the-token-0000", "{\"who\":\"欧阳克\",\"contact\":\"13722220003\"}")).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/profiles?q=13722220002", SALES_KEY)
                .path("items").findValuesAsText("name").contains("郭靖"));

        browser.evaluate(row + ".querySelector('a[href^=\"#/connector-form/\"]').click()");
        browser.waitUntil("!!document.querySelector('main input[name=id]') && document.querySelector('main input[name=id]').readOnly");
        browser.evaluate("window.confirm = () => true");
        click("main form button", "Delete");
        browser.waitUntil("!!document.querySelector('main .alert.ok')");
        assertThat(browser.text("main .alert.ok")).isEqualTo("Deleted expo-form.");
        assertThat(browser.evaluate("!" + row).asBoolean()).isTrue();
        assertThat(status(HttpMethod.GET, "/api/v1/connectors/expo-form")).isEqualTo(404);
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    @Test
    void aDestinationShowsItsCallsTodayAgainstItsBudgetAndAFileDefinedInstanceOpensReadOnly() throws Exception {
        openConsole("zh-CN", "#/connectors");
        signIn(INTEGRATOR_KEY);
        String row = "[...document.querySelectorAll('main tbody tr')].find(tr => tr.cells[0].innerText.trim() === 'crm-budget')";
        browser.waitUntil("!!" + row + " && " + row + ".cells[4].innerText.includes('今日调用')");
        assertThat(browser.evaluate(row + ".cells[4].innerText").asText())
                .contains("今日调用 0 / 20,000").contains("00:00 (Asia/Shanghai)").contains("重置");
        JsonNode delivery = get("/api/v1/connectors/crm-budget/health", INTEGRATOR_KEY).path("delivery");
        assertThat(delivery.path("dailyCallBudget").asInt()).isEqualTo(20000);
        assertThat(delivery.path("callsToday").asLong()).isZero();

        browser.evaluate(row + ".querySelector('a[href^=\"#/connector-form/\"]').click()");
        browser.waitUntil("!!document.querySelector('main .alert.warning')");
        assertThat(browser.text("main .alert.warning")).contains("只读");
        assertThat(browser.evaluate("!document.querySelector('main form')").asBoolean()).as("no form for a file").isTrue();
        assertThat(facts("main")).containsEntry("apiKey", "******").containsEntry("dailyCallBudget", "20000");
        assertThat(browser.text("main")).doesNotContain("file-api-key-1");
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    /** Picks {@code value} in the select {@code selector}, with the change event a user's choice fires. */
    private void choose(String selector, String value) throws Exception {
        browser.evaluate("(() => { const s = document.querySelector(" + quoted(selector) + "); s.value = " + quoted(value)
                + "; s.dispatchEvent(new Event('change', { bubbles: true })); return true; })()");
    }

    private int status(HttpMethod method, String path) {
        return call(method, path, INTEGRATOR_KEY, null, String.class).getStatusCode().value();
    }

    private int postForm(String instance, String token, String json) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8));
        return rest.exchange(java.net.URI.create(rest.getRootUri() + "/hooks/" + instance + "?token=" + token),
                HttpMethod.POST, new HttpEntity<>(json.getBytes(StandardCharsets.UTF_8), h), String.class).getStatusCode().value();
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;

/**
 * What the browser tests of the console share: a headless Chromium per test (skipped without one, unless CI sets
 * {@code KEHU_BROWSER_REQUIRED}), signing in, clicking by visible text, and uploads through the REST API for
 * setting data up.
 */
abstract class ConsoleBrowserSupport extends HubTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    Path chromium;
    HeadlessChromium browser;
    /** The browser's profile, outside {@code dir}: a helper process still writing there must not fail the test. */
    private Path browserHome;

    @BeforeEach
    void findChromium() {
        Optional<Path> chromium = HeadlessChromium.executable();
        if (chromium.isEmpty() && System.getenv("KEHU_BROWSER_REQUIRED") != null) {
            throw new AssertionError("KEHU_BROWSER_REQUIRED is set but no Chromium was found (apt-get install chromium)");
        }
        Assumptions.assumeTrue(chromium.isPresent(), "no Chromium on this machine: apt-get install chromium");
        this.chromium = chromium.get();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (browserHome != null) {
            try (Stream<Path> files = Files.walk(browserHome)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // Left to the system's temp cleaning: a browser's leftovers are no reason to fail a test.
            }
        }
    }

    /** A browser whose language (navigator.language) is {@code language}, showing the console's sign-in. */
    void openConsole(String language, String route) throws Exception {
        browserHome = Files.createTempDirectory("kehu-chromium-");
        browser = HeadlessChromium.start(chromium, browserHome, language);
        browser.open("http://localhost:" + port + "/console/" + route);
        browser.waitUntil("!!document.querySelector('input[name=key]')");
    }

    void signIn(String key) throws Exception {
        browser.evaluate("(() => { const i = document.querySelector('input[name=key]'); i.value = " + quoted(key)
                + "; i.form.requestSubmit(); return true; })()");
    }

    /** Clicks the first element matching {@code selector} whose text is {@code text}, once there is one. */
    void click(String selector, String text) throws Exception {
        String find = "[...document.querySelectorAll(" + quoted(selector) + ")].find(e => e.textContent.trim() === " + quoted(text) + ")";
        browser.waitUntil("!!" + find);
        browser.evaluate(find + ".click()");
    }

    /** Types {@code value} into the field matching {@code selector}, with the input event a keyboard would fire. */
    void type(String selector, String value) throws Exception {
        browser.waitUntil("!!document.querySelector(" + quoted(selector) + ")");
        browser.evaluate("(() => { const i = document.querySelector(" + quoted(selector) + "); i.value = " + quoted(value)
                + "; i.dispatchEvent(new Event('input', { bubbles: true })); return true; })()");
    }

    /** Waits until the page's main area shows {@code text}. */
    void waitForText(String text) {
        browser.waitUntil("document.querySelector('main').innerText.includes(" + quoted(text) + ")");
    }

    /** The label → value pairs of the fact lists ({@code dl.facts}) inside {@code selector}, as shown. */
    Map<String, String> facts(String selector) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        JsonNode pairs = browser.evaluate("[...document.querySelectorAll(" + quoted(selector + " dl.facts dt") + ")]"
                + ".map(dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()])");
        pairs.forEach(p -> facts.put(p.get(0).asText(), p.get(1).asText()));
        return facts;
    }

    /** The cells' texts of each body row of the first table matching {@code selector}. */
    List<List<String>> rows(String selector) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        browser.evaluate("[...document.querySelector(" + quoted(selector) + ").tBodies[0].rows]"
                + ".map(tr => [...tr.cells].map(td => td.innerText.trim()))")
                .forEach(r -> {
                    List<String> cells = new ArrayList<>();
                    r.forEach(c -> cells.add(c.asText()));
                    rows.add(cells);
                });
        return rows;
    }

    /** Imports a file through the {@code sheets} instance, as an integrator would with curl; answers the report. */
    JsonNode upload(Path file) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file));
        JsonNode report = call(HttpMethod.POST, "/api/v1/connectors/sheets/uploads", INTEGRATOR_KEY, form, JsonNode.class).getBody();
        assertThat(report.path("status").asText()).as(String.valueOf(report)).isEqualTo("COMPLETED");
        return report;
    }

    JsonNode get(String path, String key) {
        return call(HttpMethod.GET, path, key, null, JsonNode.class).getBody();
    }

    /** {@code text} for a query parameter or route. */
    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** {@code text} as a JavaScript string literal (a JSON string is one). */
    static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}

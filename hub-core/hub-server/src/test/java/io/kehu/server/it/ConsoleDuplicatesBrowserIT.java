package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The 疑似重复 page in a real headless Chromium: a salesperson finds two profiles of one person (a trade-show phone,
 * a web-form e-mail, the same name and company), sees their contacts in part, merges them with a reason, and the
 * pair leaves the list; the merged profile holds both and shows the merge on its timeline.
 */
class ConsoleDuplicatesBrowserIT extends ConsoleBrowserSupport {

    static final Path ROOT = tempRoot("console-duplicates");

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, ConsoleDuplicatesBrowserIT.class, ROOT);
    }

    @Test
    void aSalespersonMergesTwoProfilesOfOnePersonFromThePossibleDuplicatesPage() throws Exception {
        person("show-1", "杭州云栖科技有限公司", Identifier.phone("13955550001"));
        person("form-1", "杭州云栖科技", Identifier.email("chen.jing@yunqi-browser.cn"));

        openConsole("zh-CN", "#/duplicates");
        signIn(SALES_KEY);
        waitForText("陈静 · 杭州云栖科技有限公司");
        String page = browser.text("main");
        assertThat(page).contains("+86139****0001").contains("c***@yunqi-browser.cn")
                .doesNotContain("+8613955550001").doesNotContain("chen.jing@");

        browser.evaluate("window.prompt = () => '展会和官网表单是同一个人'");
        click("main button", "合并");
        browser.waitUntil("document.querySelector('.alert.ok') !== null");
        assertThat(browser.text(".alert.ok")).contains("已合并");
        waitForText("没有疑似重复的档案。");

        click(".alert.ok a", "打开合并后的档案");
        browser.waitUntil("location.hash.startsWith('#/profile/') && document.querySelectorAll('ol.timeline li').length > 0");
        waitForText("merged by sara: 展会和官网表单是同一个人");
        assertThat(browser.text("main")).contains("+8613955550001").contains("chen.jing@yunqi-browser.cn");
        JsonNode hits = get("/api/v1/profiles?q=" + enc("陈静"), SALES_KEY);
        assertThat(hits.path("total").asInt()).isEqualTo(1);
        assertThat(browser.errors()).as("script errors and failed loads").isEmpty();
    }

    private void person(String key, String company, Identifier id) {
        Instant at = Instant.now();
        Lead lead = new Lead("陈静", company, null, null, List.of(id), "test", List.of(), null, null, Map.of(), at);
        ingest.submit("test", List.of(new SourceRecord(key, "1", lead, new Interaction(key, "form", "web", at, key, Map.of()))));
    }
}

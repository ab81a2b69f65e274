package io.kehu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console renders names, notes and messages from spreadsheets, forms and WeChat: its scripts must never turn
 * text into markup or code, its HTML must need nothing the Content-Security-Policy forbids, and it must load
 * nothing from outside the hub (it works offline from the jar).
 */
class ConsoleScriptSafetyTest {

    static final Pattern MARKUP_SINKS = Pattern.compile(
            "\\.(innerHTML|outerHTML)\\s*[+]?=|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function\\b"
                    + "|createContextualFragment|setAttribute\\(\\s*['\"](style|on\\w+)['\"]|\\bsetTimeout\\(\\s*['\"`]");
    static final Pattern INLINE_HTML = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle=\"|\\son[a-z]+=\"|javascript:", Pattern.CASE_INSENSITIVE);
    static final Pattern EXTERNAL = Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);

    @Test
    void noScriptWritesMarkupOrEvaluatesCode() throws IOException {
        List<String> found = scan(ConsoleFiles.scripts(), MARKUP_SINKS);

        assertThat(ConsoleFiles.scripts()).hasSizeGreaterThan(5);
        assertThat(found).isEmpty();
    }

    @Test
    void htmlHasNoInlineScriptsStylesOrHandlers() throws IOException {
        assertThat(scan(ConsoleFiles.files(".html"), INLINE_HTML)).isEmpty();
    }

    @Test
    void nothingIsLoadedFromOutsideTheHub() throws IOException {
        assertThat(scan(ConsoleFiles.files(".html", ".js", ".css"), EXTERNAL)).isEmpty();
    }

    @Test
    void theCheckWouldCatchAnInnerHtmlAssignment() {
        // The patterns themselves: a check that matches nothing would pass for ever.
        assertThat(MARKUP_SINKS.matcher("row.innerHTML = name;").find()).isTrue();
        assertThat(MARKUP_SINKS.matcher("x.insertAdjacentHTML('beforeend', s)").find()).isTrue();
        assertThat(MARKUP_SINKS.matcher("const f = new Function('a', s)").find()).isTrue();
        assertThat(MARKUP_SINKS.matcher("eval (s)").find()).isTrue();
        assertThat(MARKUP_SINKS.matcher("node.textContent = name;").find()).isFalse();
        assertThat(INLINE_HTML.matcher("<script>alert(1)</script>").find()).isTrue();
        assertThat(INLINE_HTML.matcher("<script type=\"module\" src=\"js/app.js\"></script>").find()).isFalse();
        assertThat(EXTERNAL.matcher("<link href=\"https://cdn.example.com/x.css\">").find()).isTrue();
    }

    private static List<String> scan(List<Path> files, Pattern pattern) {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            String[] lines = ConsoleFiles.read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = pattern.matcher(lines[i]);
                if (m.find()) {
                    found.add(file.getFileName() + ":" + (i + 1) + ": " + m.group());
                }
            }
        }
        return found;
    }
}

package io.kehu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's texts: both language bundles have the same keys and placeholders and no empty value, and every
 * key the HTML and the scripts use exists, so no screen shows a raw key in either language.
 */
class ConsoleBundleTest {

    static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]*)\"");
    /** t('key') or t("key"), not preceded by a letter, digit, dot or $ (so neither list.t( nor split(). */
    static final Pattern T_CALL = Pattern.compile("(?<![\\w.$])t\\(\\s*(['\"])([^'\"]*)\\1");
    static final Pattern ANY_T_CALL = Pattern.compile("(?<![\\w.$])t\\(");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    static final Pattern LINE_COMMENT = Pattern.compile("(?m)(^|\\s)//.*$");

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
        Map<String, String> zh = ConsoleFiles.bundle("zh-CN");
        Map<String, String> en = ConsoleFiles.bundle("en");

        assertThat(zh).isNotEmpty();
        assertThat(new TreeSet<>(zh.keySet())).isEqualTo(new TreeSet<>(en.keySet()));
    }

    @Test
    void noTextIsEmptyAndPlaceholdersAgree() throws IOException {
        Map<String, String> zh = ConsoleFiles.bundle("zh-CN");
        Map<String, String> en = ConsoleFiles.bundle("en");
        List<String> problems = new ArrayList<>();
        for (String key : zh.keySet()) {
            if (zh.get(key) == null || zh.get(key).isBlank()) {
                problems.add("zh-CN " + key + " is empty");
            }
            if (en.get(key) == null || en.get(key).isBlank()) {
                problems.add("en " + key + " is empty");
            } else if (!placeholders(zh.get(key)).equals(placeholders(en.get(key)))) {
                problems.add(key + " has placeholders " + placeholders(zh.get(key)) + " vs " + placeholders(en.get(key)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyTheHtmlNamesExists() throws IOException {
        Set<String> keys = ConsoleFiles.bundle("en").keySet();
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path html : ConsoleFiles.files(".html")) {
            for (Matcher m = HTML_KEY.matcher(ConsoleFiles.read(html)); m.find(); used++) {
                if (!keys.contains(m.group(1))) {
                    missing.add(html.getFileName() + ": " + m.group(1));
                }
            }
        }
        assertThat(used).isGreaterThan(10);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyKeyTheScriptsLookUpExistsAndIsWrittenOut() throws IOException {
        Set<String> keys = ConsoleFiles.bundle("en").keySet();
        List<String> missing = new ArrayList<>();
        int used = 0;
        for (Path script : ConsoleFiles.scripts()) {
            String source = LINE_COMMENT.matcher(ConsoleFiles.read(script)).replaceAll("");
            int literal = 0;
            for (Matcher m = T_CALL.matcher(source); m.find(); literal++) {
                if (!keys.contains(m.group(2))) {
                    missing.add(script.getFileName() + ": " + m.group(2));
                }
            }
            // A key computed at run time could not be checked here: every call names its key as a literal.
            int all = count(ANY_T_CALL, source.replace("function t(", "function _("));
            assertThat(all).as("t() calls without a literal key in " + script.getFileName()).isEqualTo(literal);
            used += literal;
        }
        assertThat(used).isGreaterThan(100);
        assertThat(missing).isEmpty();
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        for (Matcher m = PLACEHOLDER.matcher(text); m.find(); ) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        for (Matcher m = p.matcher(s); m.find(); ) {
            n++;
        }
        return n;
    }
}

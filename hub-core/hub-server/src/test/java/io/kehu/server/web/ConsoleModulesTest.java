package io.kehu.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's JavaScript modules fit together: a browser refuses a whole module graph when one module imports
 * a name another does not export, and there is no build step here to say so first.
 */
class ConsoleModulesTest {

    static final Pattern NAMED_IMPORT = Pattern.compile("import\\s*\\{([^}]*)}\\s*from\\s*'([^']+)'");
    static final Pattern ANY_IMPORT = Pattern.compile("import\\s+(?:\\{[^}]*}|\\*\\s+as\\s+\\w+)\\s+from\\s+'([^']+)'");
    static final Pattern EXPORT = Pattern.compile("export\\s+(?:async\\s+)?(?:function|const|let|class)\\s+(\\w+)");

    @Test
    void everyImportedNameIsExportedByTheModuleItNames() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path script : ConsoleFiles.scripts()) {
            String source = ConsoleFiles.read(script);
            for (Matcher m = ANY_IMPORT.matcher(source); m.find(); ) {
                if (!Files.isRegularFile(script.resolveSibling(m.group(1)).normalize())) {
                    problems.add(script.getFileName() + " imports missing " + m.group(1));
                }
            }
            for (Matcher m = NAMED_IMPORT.matcher(source); m.find(); ) {
                Path target = script.resolveSibling(m.group(2)).normalize();
                Set<String> exported = Files.isRegularFile(target) ? exports(target) : Set.of();
                for (String name : m.group(1).split(",")) {
                    if (!name.isBlank() && !exported.contains(name.trim())) {
                        problems.add(script.getFileName() + " imports " + name.trim() + " that " + m.group(2) + " does not export");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPageRendersAndTheEntryModuleIsTheOneThePageLoads() throws IOException {
        Path root = ConsoleFiles.root();
        // profile-*.js are sections of the profile page (lifecycle, merges, erasure), imported by profile.js.
        List<Path> all = ConsoleFiles.scripts().stream().filter(p -> p.getParent().getFileName().toString().equals("pages")).toList();
        List<Path> pages = all.stream().filter(p -> !p.getFileName().toString().startsWith("profile-")).toList();
        List<Path> sections = all.stream().filter(p -> p.getFileName().toString().startsWith("profile-")).toList();

        assertThat(pages).hasSizeGreaterThan(5).allSatisfy(p -> assertThat(exports(p)).contains("render"));
        assertThat(ConsoleFiles.read(root.resolve("index.html"))).contains("src=\"js/app.js\"");
        String app = ConsoleFiles.read(root.resolve("js/app.js"));
        for (Path page : pages) {
            assertThat(app).as("app.js routes to " + page.getFileName()).contains("'./pages/" + page.getFileName() + "'");
        }
        String profile = ConsoleFiles.read(root.resolve("js/pages/profile.js"));
        assertThat(sections).hasSizeGreaterThanOrEqualTo(3);
        for (Path section : sections) {
            assertThat(profile).as("profile.js shows " + section.getFileName()).contains("'./" + section.getFileName() + "'");
        }
    }

    private static Set<String> exports(Path module) {
        Set<String> names = new HashSet<>();
        for (Matcher m = EXPORT.matcher(ConsoleFiles.read(module)); m.find(); ) {
            names.add(m.group(1));
        }
        return names;
    }
}

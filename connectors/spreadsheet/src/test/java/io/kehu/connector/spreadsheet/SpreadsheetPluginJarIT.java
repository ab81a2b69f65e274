package io.kehu.connector.spreadsheet;

import static io.kehu.connector.spreadsheet.TestSheets.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import io.kehu.api.domain.Identifier;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** The jar that {@code package} built, checked as the hub will see it. */
class SpreadsheetPluginJarIT {

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        // target/test-classes → target, wherever the test JVM was started
        Path target = Path.of(SpreadsheetPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-spreadsheet-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("spreadsheet");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank().doesNotContain("${");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Kehu");
            assertThat(manifest.getValue("Plugin-Description")).contains("CSV").contains("XLSX");
            assertThat(manifest.getValue("Plugin-Class")).isNull();
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(SpreadsheetConnector.class.getName());
        }
    }

    @Test
    void shadesItsLibrariesUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/spreadsheet/"));
            assertThat(classes).contains(
                    "io/kehu/connector/spreadsheet/shaded/org/dhatim/fastexcel/reader/ReadableWorkbook.class",
                    "io/kehu/connector/spreadsheet/shaded/com/fasterxml/aalto/stax/InputFactoryImpl.class",
                    "io/kehu/connector/spreadsheet/shaded/org/apache/commons/compress/archivers/zip/ZipFile.class");
            assertThat(Collections.list(jar.entries())).extracting(ZipEntry::getName)
                    .noneMatch(n -> n.startsWith("META-INF/services/javax.xml"))
                    .noneMatch(n -> n.endsWith("module-info.class"));
        }
    }

    @Test
    void loadsInPf4jWithoutAPluginClassAndImportsThroughTheShadedLibraries() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-spreadsheet.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            PluginWrapper plugin = pm.getPlugin("spreadsheet");
            assertThat(plugin).isNotNull();
            assertThat(plugin.getPluginState().isStarted()).isTrue();

            // This test's own class path holds the connector too; only the plugin's copy is the one under test.
            List<SourceConnector> connectors = pm.getExtensions(SourceConnector.class, "spreadsheet");
            assertThat(connectors).hasSize(1);
            SourceConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());
            assertThat(connector.descriptor().type()).isEqualTo("spreadsheet");

            TestSourceContext ctx = new TestSourceContext("sheets", Map.of(), dir.resolve("work"), 50);
            try (SourceTask task = connector.start(ctx)) {
                Path xlsx = TestSheets.xlsx(dir.resolve("expo.xlsx"), new String[] {"客户"}, ws -> {
                    row(ws, 0, "姓名", "手机");
                    row(ws, 1, "赵磊", 13800138000L);
                });
                ImportReport fromXlsx = task.upload("expo.xlsx", xlsx);
                ImportReport fromGbk = task.upload("expo-gbk.csv", TestSheets.csv(dir, "expo-gbk.csv", Charset.forName("GBK"),
                        "姓名,邮箱\n王芳,wang.fang@jinghua-med.cn\n"));

                assertThat(fromXlsx.status()).isEqualTo("COMPLETED");
                assertThat(fromGbk.status()).isEqualTo("COMPLETED");
                assertThat(ctx.sink.records).extracting(r -> r.lead().name()).containsExactly("赵磊", "王芳");
                assertThat(ctx.sink.records.get(0).lead().identifiers()).containsExactly(Identifier.phone("13800138000"));
            }
        } finally {
            // Not stopPlugins(): in PF4J 3.15 it iterates the list that stopping a plugin shrinks
            // (ConcurrentModificationException, pf4j/pf4j#656).
            pm.stopPlugin("spreadsheet");
            pm.unloadPlugins();
        }
    }
}

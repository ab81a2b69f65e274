package io.kehu.connector.spreadsheet;

import static io.kehu.connector.spreadsheet.TestSheets.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.testing.PluginJars;
import io.kehu.api.testing.TestSourceContext;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class SpreadsheetPluginJarIT {

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(SpreadsheetPluginJarIT.class, "spreadsheet");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        Attributes manifest = jar().assertDescriptorAndIndex(SpreadsheetConnector.class);
        assertThat(manifest.getValue("Plugin-Provider")).isEqualTo("Kehu");
        assertThat(manifest.getValue("Plugin-Description")).contains("CSV").contains("XLSX");
        assertThat(manifest.getValue("Plugin-Class")).isNull();
    }

    @Test
    void shadesItsLibrariesUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        jar().assertSelfContained("org.dhatim.fastexcel.reader.ReadableWorkbook", "com.fasterxml.aalto.stax.InputFactoryImpl",
                "org.apache.commons.compress.archivers.zip.ZipFile");
    }

    @Test
    void loadsInPf4jWithoutAPluginClassAndImportsThroughTheShadedLibraries() throws Exception {
        Path xlsx = TestSheets.xlsx(dir.resolve("expo.xlsx"), new String[] {"客户"}, ws -> {
            row(ws, 0, "姓名", "手机");
            row(ws, 1, "赵磊", 13800138000L);
        });
        jar().withLoadedConnector(dir, SourceConnector.class, connector -> {
            assertThat(connector.descriptor().type()).isEqualTo("spreadsheet");

            TestSourceContext ctx = new TestSourceContext("sheets", SpreadsheetConfig.FIELDS, Map.of())
                    .workDir(dir.resolve("work")).batchSize(50);
            try (SourceTask task = connector.start(ctx)) {
                ImportReport fromXlsx = task.upload("expo.xlsx", xlsx);
                ImportReport fromGbk = task.upload("expo-gbk.csv", TestSheets.csv(dir, "expo-gbk.csv", Charset.forName("GBK"),
                        "姓名,邮箱\n王芳,wang.fang@jinghua-med.cn\n"));

                assertThat(fromXlsx.status()).isEqualTo("COMPLETED");
                assertThat(fromGbk.status()).isEqualTo("COMPLETED");
                assertThat(ctx.records()).extracting(r -> r.lead().name()).containsExactly("赵磊", "王芳");
                assertThat(ctx.records().get(0).lead().identifiers()).containsExactly(Identifier.phone("13800138000"));
            }
        });
    }
}

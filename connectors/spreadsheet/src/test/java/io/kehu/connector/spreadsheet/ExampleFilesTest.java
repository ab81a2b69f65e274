package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.testing.TestSourceContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example files of the README tour read as the tour says. */
class ExampleFilesTest {

    @TempDir
    Path dir;

    private static Path example(String name) throws Exception {
        // target/test-classes → the repository root, wherever the test JVM was started
        Path testClasses = Path.of(ExampleFilesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.resolve("../../../../examples").normalize().resolve(name);
    }

    private TestSourceContext ctx;

    private ImportReport importExample(String name) throws Exception {
        ctx = new TestSourceContext("tour", SpreadsheetConfig.FIELDS, Map.of()).workDir(dir);
        return new SpreadsheetImporter(new SpreadsheetConfig(ctx.config, dir), ctx.tracker, ctx.ingest(), ctx.metrics(), Clock.systemUTC())
                .importFile(name, example(name));
    }

    @Test
    void tradeShowLeadsImportWithTheContactlessRowRejected() throws Exception {
        ImportReport report = importExample("trade-show-leads.csv");

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.rowsRead()).isEqualTo(15);
        assertThat(report.rejected()).extracting(ImportReport.RejectedRow::row).containsExactly(12L);
        assertThat(ctx.at("row 2").lead().identifiers()).contains(Identifier.phone("+86 138-1688-1688"));
        assertThat(ctx.at("row 7").lead().identifiers()).containsExactly(Identifier.phone("13816881688"));
        // Passed on raw: refusing Excel's mangled number is the hub's normalizer's call.
        assertThat(ctx.at("row 8").lead().identifiers()).containsExactly(Identifier.phone("1.39E+10"));
        assertThat(ctx.at("row 9").lead().identifiers())
                .containsExactly(Identifier.phone("13912345678"), Identifier.email("chen.jing@lanxin-soft.cn"));
        assertThat(ctx.at("row 2").lead().tags()).containsExactly("VIP", "华东");
    }

    @Test
    void expoContactsAreDetectedAsGbk() throws Exception {
        ImportReport report = importExample("expo-contacts-gbk.csv");

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(ctx.records()).extracting(r -> r.lead().name())
                .containsExactly("王芳 Wang Fang", "Li Na 李娜", "Emily Zhou", "高翔", "David Lin 林大卫", "何静");
        Lead wangFang = ctx.at("row 2").lead();
        assertThat(wangFang.identifiers()).contains(Identifier.email("wang.fang@jinghua-med.cn"));
        assertThat(wangFang.region()).isEqualTo("上海");
        assertThat(wangFang.title()).isEqualTo("Purchasing Lead");
    }
}

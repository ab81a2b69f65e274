package io.kehu.connector.spreadsheet;

import static io.kehu.connector.spreadsheet.TestSheets.row;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.testing.TestSourceContext;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetImporterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T02:00:00Z");
    private static final String LEADS_CSV = """
            姓名,手机,邮箱,公司,职位,来源,标签,备注
            张伟,13800138000,zhang.wei@huaxin-tech.cn,华信科技,采购经理,展会,"VIP,华东",对报价感兴趣
            李娜,+86 139-0013-9000,,远景物流,,,,
            """;

    @TempDir
    Path dir;

    private TestSourceContext ctx;

    private SpreadsheetImporter importer(Map<String, Object> config, int batchSize) {
        ctx = new TestSourceContext("trade-show-sheets", SpreadsheetConfig.FIELDS, config).workDir(dir.resolve("work")).batchSize(batchSize);
        return new SpreadsheetImporter(new SpreadsheetConfig(ctx.config, ctx.workDir()), ctx.tracker, ctx.ingest(), ctx.metrics(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ImportReport importCsv(String name, Charset charset, String text) {
        return importer(Map.of(), 100).importFile(name, TestSheets.csv(dir, name, charset, text));
    }

    private List<Lead> leads() {
        return ctx.records().stream().map(SourceRecord::lead).toList();
    }

    /** The row numbers of the ingested records, in order. */
    private List<Long> rows() {
        return ctx.records().stream().map(r -> Long.parseLong(r.position().substring("row ".length()))).toList();
    }

    @Test
    void importsUtf8WithoutBomIntoLeadsAndImportInteractions() {
        ImportReport report = importCsv("trade-show.csv", UTF_8, LEADS_CSV);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.rowsRead()).isEqualTo(2);
        assertThat(report.imported()).isEqualTo(2);
        SourceRecord first = ctx.at("row 2");
        String sha = ctx.tracker.only().checksum;
        assertThat(first.key()).isEqualTo(sha + ":2");
        Lead lead = first.lead();
        assertThat(lead.name()).isEqualTo("张伟");
        assertThat(lead.identifiers()).containsExactly(Identifier.phone("13800138000"), Identifier.email("zhang.wei@huaxin-tech.cn"));
        assertThat(lead.company()).isEqualTo("华信科技");
        assertThat(lead.title()).isEqualTo("采购经理");
        assertThat(lead.source()).isEqualTo("展会");
        assertThat(lead.tags()).containsExactly("VIP", "华东");
        assertThat(lead.notes()).isEqualTo("对报价感兴趣");
        assertThat(lead.observedAt()).isEqualTo(NOW);
        assertThat(first.interaction().id()).isEqualTo("sheet:" + sha + ":2");
        assertThat(first.interaction().type()).isEqualTo("import");
        assertThat(first.interaction().channel()).isEqualTo("spreadsheet");
        assertThat(first.interaction().occurredAt()).isEqualTo(NOW);
        assertThat(first.interaction().summary())
                .isEqualTo("导入 trade-show.csv 第 2 行 / imported from trade-show.csv row 2: 对报价感兴趣");
        assertThat(first.interaction().details()).containsEntry("file", "trade-show.csv").containsEntry("row", "2");
        // Without a source cell the file name is the source; identifiers pass through raw.
        assertThat(ctx.at("row 3").lead().source()).isEqualTo("trade-show.csv");
        assertThat(ctx.at("row 3").lead().identifiers()).containsExactly(Identifier.phone("+86 139-0013-9000"));
        assertThat(ctx.counter("rows.read")).isEqualTo(2);
        assertThat(ctx.counter("files.imported")).isEqualTo(1);
    }

    @Test
    void importsUtf8WithBom() {
        importer(Map.of(), 100).importFile("bom.csv", TestSheets.csvWithBom(dir, "bom.csv", UTF_8, TestSheets.UTF8_BOM, LEADS_CSV));

        assertThat(leads()).extracting(Lead::name).containsExactly("张伟", "李娜");
    }

    @Test
    void importsUtf16WithBom() {
        byte[] bom = {(byte) 0xFF, (byte) 0xFE};
        importer(Map.of(), 100).importFile("utf16.csv", TestSheets.csvWithBom(dir, "utf16.csv", UTF_16LE, bom, LEADS_CSV));

        assertThat(leads()).extracting(Lead::name).containsExactly("张伟", "李娜");
    }

    @Test
    void detectsGbkWrittenByExcelWithoutBom() {
        ImportReport report = importCsv("expo.csv", Charset.forName("GBK"), """
                客户姓名,联系电话,电子邮箱,单位名称
                王芳,13700137000,wang.fang@jinghua-med.cn,京华医疗器械有限公司
                """);

        assertThat(report.status()).isEqualTo("COMPLETED");
        Lead lead = ctx.at("row 2").lead();
        assertThat(lead.name()).isEqualTo("王芳");
        assertThat(lead.company()).isEqualTo("京华医疗器械有限公司");
        assertThat(lead.identifiers()).contains(Identifier.phone("13700137000"));
    }

    @Test
    void readsGb18030CharactersOutsideGbk() {
        importCsv("gb18030.csv", CharsetDetector.GB18030, "姓名,手机\n𠮷田 优子,13600136000\n");

        assertThat(ctx.at("row 2").lead().name()).isEqualTo("𠮷田 优子");
    }

    @Test
    void importsXlsxWithNumericPhoneAndDateCells() {
        Path file = TestSheets.xlsx(dir.resolve("expo.xlsx"), new String[] {"客户"}, ws -> {
            row(ws, 0, "姓名", "手机", "日期", "Email");
            row(ws, 1, "赵磊", 13800138000L, LocalDate.of(2024, 3, 5), "zhao.lei@hengtai-bio.cn");
            row(ws, 2, "孙丽", 13912345678L);
        });

        ImportReport report = importer(Map.of(), 100).importFile("expo.xlsx", file);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.rowsRead()).isEqualTo(2);
        SourceRecord r = ctx.at("row 2");
        assertThat(r.lead().identifiers()).containsExactly(Identifier.phone("13800138000"), Identifier.email("zhao.lei@hengtai-bio.cn"));
        Instant march5 = Instant.parse("2024-03-04T16:00:00Z");
        assertThat(r.lead().observedAt()).isEqualTo(march5);
        assertThat(r.interaction().occurredAt()).isEqualTo(march5);
        assertThat(ctx.at("row 3").lead().identifiers()).containsExactly(Identifier.phone("13912345678"));
    }

    @Test
    void recognisesEnglishHeadersAndKeepsUnknownColumnsAsAttributes() {
        importCsv("crm-export.csv", UTF_8, """
                Full Name,E-mail,Mobile,Company,Job Title,City,Lead Source,Tags,Owner,WeChat,Industry,Created At
                Chen Jie,chen.jie@lanxin-soft.cn,13500135000,Lanxin Software,CTO,Shenzhen,Website,saas; pilot,Liu Yang,chenjie88,SaaS,2024-05-20 09:15
                """);

        Lead lead = ctx.at("row 2").lead();
        assertThat(lead.name()).isEqualTo("Chen Jie");
        assertThat(lead.company()).isEqualTo("Lanxin Software");
        assertThat(lead.title()).isEqualTo("CTO");
        assertThat(lead.region()).isEqualTo("Shenzhen");
        assertThat(lead.source()).isEqualTo("Website");
        assertThat(lead.tags()).containsExactly("saas", "pilot");
        assertThat(lead.owner()).isEqualTo("Liu Yang");
        assertThat(lead.attributes()).containsEntry("wechat", "chenjie88").containsEntry("Industry", "SaaS");
        assertThat(lead.observedAt()).isEqualTo(Instant.parse("2024-05-20T01:15:00Z"));
    }

    @Test
    void configuredMappingOverridesDefaultHeaders() {
        Map<String, Object> config = new HashMap<>();
        config.put("mapping", Map.of("电话", "attr:landline", "客户编号", "crm:xiaoshouyi", "来源", "ignore", "展位", "notes"));
        config.put("source", "2024 上海工博会");
        SpreadsheetImporter importer = importer(config, 100);

        importer.importFile("fair.csv", TestSheets.csv(dir, "fair.csv", UTF_8, """
                姓名,电话,手机,客户编号,来源,展位
                周杰,021-55550000,13300133000,XSY-1001,自然流量,A-12
                """));

        Lead lead = ctx.at("row 2").lead();
        assertThat(lead.identifiers()).containsExactly(Identifier.phone("13300133000"),
                new Identifier(IdentifierType.CRM_ID, "xiaoshouyi/XSY-1001"));
        assertThat(lead.attributes()).containsEntry("landline", "021-55550000");
        assertThat(lead.source()).isEqualTo("2024 上海工博会");
        assertThat(lead.notes()).isEqualTo("A-12");
    }

    @Test
    void everyPhoneColumnBecomesAnIdentifier() {
        importCsv("phones.csv", UTF_8, """
                姓名,手机,电话,Mobile 2
                吴静,13800138000,010-88886666,13900139000 / 13700137000
                """);

        assertThat(ctx.at("row 2").lead().identifiers()).containsExactly(Identifier.phone("13800138000"),
                Identifier.phone("010-88886666"), Identifier.phone("13900139000"), Identifier.phone("13700137000"));
    }

    @Test
    void rejectsAMalformedRowWithItsNumberAndImportsTheRowsAfterIt() {
        ImportReport report = importCsv("broken.csv", UTF_8, """
                姓名,手机,备注
                张伟,13800138000,ok
                李娜,"13900139000,unclosed quote
                王芳,13700137000,ok
                赵磊,"13600136000"x,text after quote
                孙丽,13500135000,ok
                """);

        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.rejected()).extracting(ImportReport.RejectedRow::row).containsExactly(3L, 5L);
        assertThat(report.rejected().get(0).reason()).contains("quoted field is not closed");
        assertThat(report.rejected().get(1).reason()).contains("closing quote of column 2").doesNotContain("13600136000");
        assertThat(rows()).containsExactly(2L, 4L, 6L);
        assertThat(report.rowsRead()).isEqualTo(5);
    }

    @Test
    void rejectsARowWithoutIdentifiersAndSkipsBlankRowsSilently() {
        ImportReport report = importCsv("gaps.csv", UTF_8, "姓名,手机,邮箱\n张伟,13800138000,\n\n,,\n无名氏,,\n李娜,,li.na@yuanjing-log.cn\n");

        assertThat(report.rejected()).containsExactly(new ImportReport.RejectedRow(5, "no phone, email or other identifier in this row"));
        assertThat(report.rowsRead()).isEqualTo(3);
        assertThat(rows()).containsExactly(2L, 6L);
        assertThat(ctx.counter("rows.rejected")).isEqualTo(1);
    }

    @Test
    void reimportingTheSameContentUnderAnotherNameReadsNothing() {
        SpreadsheetImporter importer = importer(Map.of(), 100);
        importer.importFile("leads.csv", TestSheets.csv(dir, "leads.csv", UTF_8, LEADS_CSV));
        int recordsAfterFirst = ctx.records().size();

        ImportReport again = importer.importFile("leads (1).csv", TestSheets.csv(dir, "leads (1).csv", UTF_8, LEADS_CSV));

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.rowsRead()).isEqualTo(2);
        assertThat(ctx.records()).hasSize(recordsAfterFirst);
        assertThat(ctx.tracker.imports).hasSize(1);
        assertThat(ctx.counter("files.skipped")).isEqualTo(1);
    }

    @Test
    void resumesAfterTheLastCommittedRowWhenTheStoreWasDown() {
        SpreadsheetImporter importer = importer(Map.of(), 2);
        StringBuilder csv = new StringBuilder("姓名,手机\n");
        for (int i = 0; i < 5; i++) {
            csv.append("客户").append(i).append(",1380013800").append(i).append('\n');
        }
        Path file = TestSheets.csv(dir, "big.csv", UTF_8, csv.toString());
        ctx.failAfterBatches = 1;

        assertThatThrownBy(() -> importer.importFile("big.csv", file))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(ctx.tracker.only().committedRow).isEqualTo(3);
        assertThat(ctx.tracker.only().status).isEqualTo("RUNNING");

        ctx.failAfterBatches = -1;
        ImportReport report = importer.importFile("big.csv", file);

        assertThat(rows()).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(report.status()).isEqualTo("COMPLETED");
        assertThat(report.rowsRead()).isEqualTo(5);
    }

    @Test
    void submitsBatchesOfThePreferredSize() {
        SpreadsheetImporter importer = importer(Map.of(), 2);
        importer.importFile("five.csv", TestSheets.csv(dir, "five.csv", UTF_8, "手机\n1\n2\n3\n4\n5\n"));

        assertThat(ctx.batches.stream().map(List::size).toList()).containsExactly(2, 2, 1);
    }

    @Test
    void failsAFileWithoutAnyIdentifierColumnNamingTheHeadersFound() {
        ImportReport report = importCsv("names-only.csv", UTF_8, "姓名,公司,微信号\n张伟,华信科技,zw1988\n");

        assertThat(report.status()).isEqualTo("FAILED");
        assertThat(report.error()).startsWith("No phone, email or unionid column among the headers: 姓名, 公司, 微信号");
        assertThat(ctx.records()).isEmpty();
        assertThat(ctx.counter("files.failed")).isEqualTo(1);
    }

    @Test
    void refusesOldBinaryXlsFiles() throws Exception {
        Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0});

        ImportReport byName = importer(Map.of(), 100).importFile("old.xls", xls);
        ImportReport byContent = importer(Map.of(), 100).importFile("renamed.xlsx", xls);

        assertThat(byName.status()).isEqualTo("FAILED");
        assertThat(byName.error()).contains(".xls").contains("save it as .xlsx");
        assertThat(byContent.status()).isEqualTo("FAILED");
        assertThat(byContent.error()).contains(".xls");
    }

    @Test
    void readsAWorkbookThatWasRenamedToCsv() {
        Path file = TestSheets.xlsx(dir.resolve("really-xlsx.csv"), new String[] {"S"}, ws -> {
            row(ws, 0, "Phone");
            row(ws, 1, 13800138000L);
        });

        importer(Map.of(), 100).importFile("really-xlsx.csv", file);

        assertThat(ctx.at("row 2").lead().identifiers()).containsExactly(Identifier.phone("13800138000"));
    }

    @Test
    void honoursTheHeaderRowAndSniffsTheDelimiter() {
        Map<String, Object> config = Map.of("headerRow", "3");
        importer(config, 100).importFile("titled.csv", TestSheets.csv(dir, "titled.csv", UTF_8,
                "2024 客户名单;;\n导出时间 2024-06-01;;\n姓名;手机;备注\n张伟;13800138000;a, b\n"));

        SourceRecord r = ctx.at("row 4");
        assertThat(r.lead().name()).isEqualTo("张伟");
        assertThat(r.lead().notes()).isEqualTo("a, b");
    }

    @Test
    void readsTabSeparatedFiles() {
        importCsv("leads.tsv", UTF_8, "Name\tPhone\tNotes\nAlice Chen\t13800138000\tmet, at booth\n");

        assertThat(ctx.at("row 2").lead().notes()).isEqualTo("met, at booth");
    }

    @Test
    void keepsADateItCannotReadAsAnAttribute() {
        importCsv("dates.csv", UTF_8, "手机,日期\n13800138000,上周三\n");

        Lead lead = ctx.at("row 2").lead();
        assertThat(lead.observedAt()).isEqualTo(NOW);
        assertThat(lead.attributes()).containsEntry("日期", "上周三");
    }
}

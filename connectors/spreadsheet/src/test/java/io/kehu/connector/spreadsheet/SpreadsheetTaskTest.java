package io.kehu.connector.spreadsheet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kehu.api.spi.ImportReport;
import io.kehu.api.testing.TestSourceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpreadsheetTaskTest {

    private static final Instant NOW = Instant.parse("2025-06-01T02:00:00Z");
    private static final String LEADS = "姓名,手机\n张伟,13800138000\n李娜,13900139000\n";

    @TempDir
    Path dir;

    private DefaultCamelContext camel;

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    private TestSourceContext context(Map<String, Object> config) {
        return new TestSourceContext("trade-show-sheets", SpreadsheetConfig.FIELDS, config).workDir(dir.resolve("work"));
    }

    private SpreadsheetTask start(TestSourceContext ctx) {
        return (SpreadsheetTask) new SpreadsheetConnector(Clock.fixed(NOW, ZoneOffset.UTC)).start(ctx);
    }

    /** Writes beside the inbox and moves in, as a careful user's copy would; the read lock covers careless ones. */
    private static void drop(Path inbox, String name, String text) throws IOException {
        Path staged = Files.writeString(inbox.resolveSibling(name + ".part"), text, UTF_8);
        Files.move(staged, inbox.resolve(name));
    }

    private static List<String> names(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void importsFilesDroppedIntoTheInboxAndMovesThemAsideByOutcome() throws Exception {
        Path inbox = dir.resolve("inbox");
        TestSourceContext ctx = context(Map.of("inbox", inbox.toString(), "pollInterval", "50ms"));
        camel = new DefaultCamelContext();
        camel.start();
        ctx.routeTarget = routes -> {
            try {
                camel.addRoutes(routes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        start(ctx);
        assertThat(camel.getRoute("trade-show-sheets-inbox")).isNotNull();

        drop(inbox, "leads.csv", LEADS);
        drop(inbox, "no-contacts.csv", "姓名,公司\n张伟,华信科技\n");
        Files.writeString(inbox.resolve("brochure.pdf"), "%PDF", UTF_8);
        Files.writeString(inbox.resolve("~$leads.xlsx"), "Excel's lock file", UTF_8);

        Path processed = inbox.resolve(".processed");
        Path failed = inbox.resolve(".failed");
        await().atMost(Duration.ofSeconds(20)).until(() -> names(processed).size() == 1 && names(failed).size() == 2);
        assertThat(names(processed)).containsExactly("leads-20250601-100000.csv");
        assertThat(names(failed)).containsExactly("no-contacts-20250601-100000.csv", "no-contacts-20250601-100000.csv.report.json");
        String report = Files.readString(failed.resolve("no-contacts-20250601-100000.csv.report.json"), UTF_8);
        assertThat(report).contains("\"status\": \"FAILED\"").contains("姓名, 公司");
        assertThat(ctx.records()).hasSize(2);
        assertThat(names(inbox)).containsExactly(".failed", ".processed", "brochure.pdf", "~$leads.xlsx");
    }

    @Test
    void waitsWhileTheStoreIsDownAndResumesTheImportFromItsLastStoredBatch() throws Exception {
        Path inbox = dir.resolve("inbox");
        TestSourceContext ctx = context(Map.of("inbox", inbox.toString()));
        SpreadsheetTask task = start(ctx);
        task.firstRetryWait = java.time.Duration.ofMillis(1);
        Path file = Files.writeString(inbox.resolve("leads.csv"), LEADS, UTF_8);
        java.util.concurrent.atomic.AtomicInteger down = new java.util.concurrent.atomic.AtomicInteger(3);
        ctx.ingestFailure = batch -> down.getAndDecrement() > 0
                ? io.kehu.api.HubException.retryable("Elasticsearch is unavailable", null) : null;

        task.importInboxFile(file);

        assertThat(ctx.failedSubmits).as("three failed submits, then the store was back").hasValue(3);
        assertThat(file).doesNotExist();
        assertThat(names(inbox.resolve(".processed"))).containsExactly("leads-20250601-100000.csv");
        assertThat(ctx.records()).hasSize(2);
    }

    @Test
    void anImportWaitingForTheStoreStopsWithTheInstanceAndLeavesTheFileInTheInbox() throws Exception {
        Path inbox = dir.resolve("inbox");
        TestSourceContext ctx = context(Map.of("inbox", inbox.toString()));
        SpreadsheetTask task = start(ctx);
        task.firstRetryWait = java.time.Duration.ofMillis(1);
        Path file = Files.writeString(inbox.resolve("leads.csv"), LEADS, UTF_8);
        ctx.storeDown();
        Thread importing = new Thread(() -> task.importInboxFile(file));
        importing.start();

        task.close();
        importing.join(10_000);

        assertThat(importing.isAlive()).isFalse();
        assertThat(file).exists();
        assertThat(names(inbox.resolve(".processed"))).isEmpty();
        assertThat(names(inbox.resolve(".failed"))).isEmpty();
    }

    @Test
    void retryWaitsGrowToAMinute() {
        SpreadsheetTask task = start(context(Map.of("inbox", dir.resolve("inbox").toString())));

        assertThat(task.retryWait(1)).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(task.retryWait(3)).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(task.retryWait(40)).isEqualTo(java.time.Duration.ofMinutes(1));
    }

    @Test
    void keepsBothFilesWhenTheSameNameArrivesTwiceInOneSecond() throws Exception {
        Path inbox = dir.resolve("inbox");
        TestSourceContext ctx = context(Map.of("inbox", inbox.toString(), "processedDir", dir.resolve("done").toString()));
        SpreadsheetTask task = start(ctx);

        task.importInboxFile(Files.writeString(inbox.resolve("leads.csv"), LEADS, UTF_8));
        task.importInboxFile(Files.writeString(inbox.resolve("leads.csv"), LEADS + "王芳,13700137000\n", UTF_8));

        assertThat(names(dir.resolve("done"))).containsExactly("leads-20250601-100000-2.csv", "leads-20250601-100000.csv");
    }

    @Test
    void importsUploadsWithTheSameImporter() {
        TestSourceContext ctx = context(Map.of());
        SpreadsheetTask task = start(ctx);

        ImportReport ok = task.upload("展会名单.csv", TestSheets.csv(dir, "upload-1.tmp", UTF_8, LEADS));
        ImportReport xls = task.upload("old.xls", TestSheets.csv(dir, "upload-2.tmp", UTF_8, "x"));

        assertThat(task.acceptsUploads()).isTrue();
        assertThat(ok.status()).isEqualTo("COMPLETED");
        assertThat(ok.fileName()).isEqualTo("展会名单.csv");
        assertThat(ctx.at("row 2").lead().source()).isEqualTo("展会名单.csv");
        assertThat(xls.status()).isEqualTo("FAILED");
    }

    @Test
    void buildsAnInboxUriThatWaitsForFilesToSettle() {
        TestSourceContext ctx = context(Map.of("pollInterval", "30s"));
        SpreadsheetTask task = start(ctx);

        assertThat(task.inboxUri())
                .startsWith("file:" + dir.resolve("work").resolve("inbox").toAbsolutePath())
                .contains("includeExt=csv,tsv,txt,xlsx,xls")
                .contains("readLock=changed&readLockCheckInterval=1000")
                .contains("noop=true&idempotent=false")
                .contains("delay=30000");
    }
}

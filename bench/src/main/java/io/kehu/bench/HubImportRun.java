package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end-to-end import: starts a hub with a spreadsheet instance {@code bench} watching an inbox, moves the file
 * into the inbox, waits for the import's report to say COMPLETED or FAILED, counts the profiles, stops the hub and
 * reads its heap peak from the GC log. The hub is stopped whatever happens.
 */
public final class HubImportRun {

    static final String CONNECTOR_ID = "bench";

    /** What one run measured; {@code error} is null when the import completed. */
    public record Result(String format, long rows, String status, String error, double seconds, double pickupSeconds,
                         long rowsRead, long imported, long created, long merged, long rejectedCount,
                         List<String> firstRejections, long profileCount, long apiProfileTotal, GcLogPeak gc, String heap,
                         double loadBefore, double loadAfter, List<EsIndexStats> esStats, CpuTime cpu) {
        public double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : 0;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(HubImportRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Each poll is a real-time GET of the import document, which the hub rewrites every batch: the node refreshes the
     * imports shard to answer it. Once a second keeps that load small; the timing does not depend on it, it comes
     * from the report's own finishedAt.
     */
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration START_POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

    private final Path repoRoot;
    private final URI searchUri;
    private final ElasticsearchClient es;
    private final ProcessHandle node;
    private final String heap;
    private final Duration startTimeout = Duration.ofSeconds(180);
    private final Duration importTimeout;

    public HubImportRun(Path repoRoot, URI searchUri, ElasticsearchClient es, ProcessHandle node, String heap,
                        Duration importTimeout) {
        this.repoRoot = repoRoot;
        this.searchUri = searchUri;
        this.es = es;
        this.node = node;
        this.heap = heap;
        this.importTimeout = importTimeout;
    }

    public Result run(String format, Path sourceFile, long rows, Path runDir) throws IOException {
        Path inbox = Files.createDirectories(runDir.resolve("inbox"));
        Path staging = Files.createDirectories(runDir.resolve("staging"));
        Path connectors = Files.createDirectories(runDir.resolve("connectors"));
        Files.writeString(connectors.resolve("bench.yml"), String.join("\n",
                "id: " + CONNECTOR_ID, "type: spreadsheet", "enabled: true", "config:",
                "  inbox: " + inbox, "  pollInterval: 1s", ""), StandardCharsets.UTF_8);
        String apiKey = randomKey();
        String prefix = "bench-" + format + "-";
        int port = freePort();
        HubProcess.Settings settings = new HubProcess.Settings(repoRoot, repoRoot.resolve("hub-core/hub-server/target/hub-server.jar"),
                heap, runDir, searchUri, repoRoot.resolve("plugins"), connectors, prefix, "bench:admin:" + sha256Hex(apiKey), port, Map.of());
        HubClient hub = new HubClient(URI.create("http://127.0.0.1:" + port), apiKey);
        JsonNode report = null;
        String error = null;
        double seconds = 0;
        double pickup = 0;
        long profiles = -1;
        long apiTotal = -1;
        double loadBefore = -1;
        double loadAfter = -1;
        List<EsIndexStats> esStats = List.of();
        CpuTime cpu = CpuTime.UNKNOWN;
        try (HubProcess process = HubProcess.start(settings)) {
            try {
                awaitReady(process, hub, startTimeout, List.of(CONNECTOR_ID));
                Path staged = Files.copy(sourceFile, staging.resolve(sourceFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                loadBefore = load();
                CpuTime.Meter meter = CpuTime.start(node, process.handle());
                Instant moved = Instant.now();
                long start = System.nanoTime();
                Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                log.info("Moved {} into the inbox; waiting for the import (hub pid {})", staged.getFileName(), process.pid());
                report = awaitImport(process, hub, inbox, staged.getFileName().toString(), start, rows, importTimeout);
                // Read at once: up to a second of idle polling is in it, a small fraction of either process's work.
                cpu = meter.stop();
                seconds = secondsBetween(moved, report.path("finishedAt").asText(null), (System.nanoTime() - start) / 1e9);
                pickup = secondsBetween(moved, report.path("startedAt").asText(null), 0);
                loadAfter = load();
                if (!"COMPLETED".equals(report.path("status").asText())) {
                    error = "import " + report.path("status").asText() + ": " + report.path("error").asText("");
                }
                es.indices().refresh(r -> r.index(prefix + "*"));
                profiles = es.count(c -> c.index(prefix + "profiles")).count();
                apiTotal = hub.profileTotal();
                esStats = EsIndexStats.read(es, prefix + "*");
            } catch (RuntimeException e) {
                error = e.getMessage();
                if (process.logTail(200).contains("Commencing graceful shutdown")) {
                    // Nothing in the benchmark stops the hub before this point: a signal came from outside.
                    error = "the hub was shut down from outside the benchmark (SIGTERM/SIGINT, e.g. a pkill by name) "
                            + "during the run; then: " + error;
                }
                log.error("The {} run failed: {}\n--- last lines of {} ---\n{}", format, e.getMessage(), process.logFile(), process.logTail(40));
            }
        }
        GcLogPeak gc = Files.exists(runDir.resolve("gc.log")) ? GcLogPeak.read(runDir.resolve("gc.log")) : new GcLogPeak(0, 0, 0);
        return new Result(format, rows, report == null ? "NONE" : report.path("status").asText(), error, seconds, pickup,
                report == null ? 0 : report.path("rowsRead").asLong(), report == null ? 0 : report.path("imported").asLong(),
                report == null ? 0 : report.path("created").asLong(), report == null ? 0 : report.path("merged").asLong(),
                report == null ? 0 : report.path("rejectedCount").asLong(), rejections(report), profiles, apiTotal, gc, heap,
                loadBefore, loadAfter, esStats, cpu);
    }

    /** Waits for the hub's health check, then for each connector instance to be RUNNING. */
    static void awaitReady(HubProcess process, HubClient hub, Duration timeout, List<String> connectorIds) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (hub.healthStatus().orElse(0) != 200) {
            failIfDead(process);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The hub did not answer GET /api/v1/health with 200 within " + timeout.toSeconds() + " s");
            }
            pause(START_POLL);
        }
        for (String id : connectorIds) {
            JsonNode connector = hub.connector(id);
            while (!"RUNNING".equals(connector.path("state").asText())) {
                if ("FAILED".equals(connector.path("state").asText()) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The connector instance '" + id + "' is " + connector.path("state").asText()
                            + ": " + connector.path("lastError").asText("") + " (is its plugin in plugins/?)");
                }
                pause(START_POLL);
                connector = hub.connector(id);
            }
        }
        log.info("Hub ready; connector(s) {} running", connectorIds);
    }

    /**
     * Polls the import list of the spreadsheet instance {@value #CONNECTOR_ID} until the file's import shows up, then
     * its report (read in real time) until it ends.
     */
    static JsonNode awaitImport(HubProcess process, HubClient hub, Path inbox, String fileName, long start, long rows,
                                Duration importTimeout) {
        long deadline = start + importTimeout.toNanos();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        String id = null;
        while (true) {
            failIfDead(process);
            JsonNode report = null;
            if (id == null) {
                for (JsonNode item : hub.imports(CONNECTOR_ID).path("items")) {
                    if (fileName.equals(item.path("fileName").asText())) {
                        report = item;
                        id = item.path("id").asText();
                    }
                }
                if (report == null) {
                    report = failedReport(inbox, fileName);
                }
            } else {
                report = hub.importReport(id);
            }
            String status = report == null ? "" : report.path("status").asText();
            if (status.equals("COMPLETED") || status.equals("FAILED")) {
                return report;
            }
            long now = System.nanoTime();
            if (now > nextProgress) {
                double elapsed = (now - start) / 1e9;
                // rowsRead is only set at the end; imported plus rejected grows batch by batch.
                long done = report == null ? 0 : report.path("imported").asLong() + report.path("rejectedCount").asLong();
                log.info("  {} s: {} import, {} of {} rows done ({} rows/s so far)", String.format("%.0f", elapsed),
                        report == null ? "no" : status, done, rows, String.format("%.0f", done / elapsed));
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            if (now > deadline) {
                throw new IllegalStateException("No finished import of " + fileName + " within " + importTimeout.toMinutes() + " min");
            }
            pause(POLL);
        }
    }

    /** The machine's 1-minute load average: other work on the 2 cores slows the hub and must be seen in the result. */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static List<String> rejections(JsonNode report) {
        List<String> out = new ArrayList<>();
        if (report != null) {
            for (JsonNode r : report.path("rejected")) {
                if (out.size() < 5) {
                    out.add("row " + r.path("row").asText() + ": " + r.path("reason").asText());
                }
            }
        }
        return out;
    }

    private static double secondsBetween(Instant from, String isoInstant, double fallback) {
        if (isoInstant == null || isoInstant.isBlank()) {
            return fallback;
        }
        return Duration.between(from, Instant.parse(isoInstant)).toNanos() / 1e9;
    }

    private static void failIfDead(HubProcess process) {
        if (!process.isAlive()) {
            throw new IllegalStateException("The hub exited (see " + process.logFile() + ")");
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return "kb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * A file the connector could not read at all is moved to {@code <inbox>/.failed} with a report beside it that
     * never reaches the import list; without this the benchmark would wait for it until the timeout.
     */
    private static JsonNode failedReport(Path inbox, String fileName) {
        Path failed = inbox.resolve(".failed");
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        if (!Files.isDirectory(failed)) {
            return null;
        }
        try (var files = Files.list(failed)) {
            Path report = files.filter(f -> f.getFileName().toString().startsWith(base)
                    && f.getFileName().toString().endsWith(".report.json")).findFirst().orElse(null);
            return report == null ? null : JSON.readTree(report.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

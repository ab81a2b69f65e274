package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running spreadsheet instance: a Camel route polls its inbox, and the hub's upload endpoint
 * calls {@link #upload}. Both run the same {@link SpreadsheetImporter}.
 *
 * <p>The route moves files itself rather than through the file component's move options: a
 * failed file must land beside its report, and a file whose import was interrupted because the
 * hub's store was unavailable must stay in the inbox until the import resumes and completes.
 */
final class SpreadsheetTask implements SourceTask {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetTask.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss");

    private final SourceContext context;
    private final SpreadsheetConfig config;
    private final SpreadsheetImporter importer;
    private final Clock clock;
    private volatile boolean closed;
    /** The first pause after the store failed; tests shorten it. */
    Duration firstRetryWait = Duration.ofSeconds(1);

    SpreadsheetTask(SourceContext context, SpreadsheetConfig config, SpreadsheetImporter importer, Clock clock) {
        this.context = context;
        this.config = config;
        this.importer = importer;
        this.clock = clock;
    }

    void start() {
        String routeId = context.instanceId() + "-inbox";
        String uri = inboxUri();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId).process(SpreadsheetTask.this::onInboxFile);
            }
        });
        log.info("Watching inbox {} every {}", config.inbox(), config.pollInterval());
    }

    /** The file consumer: only spreadsheet files, unchanged for a while (so not still being copied), never moved by Camel. */
    String inboxUri() {
        long delay = Math.max(1, config.pollInterval().toMillis());
        long lockCheck = Math.min(1000, delay);
        return "file:" + config.inbox()
                + "?includeExt=csv,tsv,txt,xlsx,xls"
                + "&exclude=RAW(^~\\$.*)"
                + "&readLock=changed&readLockCheckInterval=" + lockCheck + "&readLockTimeout=" + Math.max(10_000, 4 * lockCheck)
                + "&noop=true&idempotent=false"
                + "&delay=" + delay + "&initialDelay=" + Math.min(1000, delay)
                + "&sortBy=file:modified&autoCreate=true";
    }

    private void onInboxFile(Exchange exchange) {
        // The file component's header; the constant lives in camel-file, which plugins do not compile against.
        Path file = Path.of(exchange.getIn().getHeader("CamelFileAbsolutePath", String.class));
        importInboxFile(file);
    }

    /**
     * Imports one inbox file and moves it to the processed or failed folder. While the hub cannot store
     * (Elasticsearch down or overloaded), it waits and resumes the import from its last stored batch, with
     * growing pauses, until it succeeds or the instance stops; a stopped import stays in the inbox and
     * resumes after the next start. It does not rely on the file being polled again: a file consumer whose
     * exchange ended may keep its read-lock marker, and then the file would sit in the inbox unnoticed.
     */
    void importInboxFile(Path file) {
        if (closed) {
            return;
        }
        String name = file.getFileName().toString();
        ImportReport report = null;
        for (int attempt = 1; report == null; attempt++) {
            try {
                report = importer.importFile(name, file);
            } catch (HubException e) {
                if (!e.retryable()) {
                    report = failureReport(name, e.getMessage());
                    break;
                }
                Duration wait = retryWait(attempt);
                log.warn("Import of {} interrupted because the hub cannot store right now ({}); resuming from the last stored batch in {}",
                        name, e.getMessage(), wait);
                context.metrics().error("Import of " + name + " waiting for the store: " + e.getMessage());
                if (!pause(wait)) {
                    log.info("Import of {} stopped with the instance; it resumes from the last stored batch after the next start",
                            name);
                    return;
                }
            } catch (RuntimeException e) {
                log.error("Import of {} failed on a defect", name, e);
                report = failureReport(name, "Internal error while importing: " + e.getClass().getSimpleName());
            } catch (Error e) {
                // Not handled here (out of memory, a missing class), but never silent: the file consumer may not log it.
                log.error("Import of {} stopped by a fatal error; the file stays in the inbox", name, e);
                context.metrics().error("Import of " + name + " stopped: " + e.getClass().getSimpleName());
                throw e;
            }
        }
        try {
            if ("FAILED".equals(report.status())) {
                Path moved = moveTo(file, config.failedDir());
                Path reportFile = moved.resolveSibling(moved.getFileName() + ".report.json");
                Files.writeString(reportFile, ImportReportJson.toJson(report), StandardCharsets.UTF_8);
                log.info("Moved failed file {} to {} with its report", name, moved);
            } else {
                Path moved = moveTo(file, config.processedDir());
                log.info("Moved imported file {} to {}", name, moved);
            }
        } catch (IOException e) {
            log.warn("Cannot move {} out of the inbox; it is imported again (harmlessly) on the next poll: {}", name, e.toString());
            context.metrics().error("Cannot move " + name + " out of the inbox: " + e.getClass().getSimpleName());
        }
    }

    /** 1 s, doubling, at most a minute: a node that is merely busy recovers fast, one that is down is not hammered. */
    Duration retryWait(int attempt) {
        long millis = firstRetryWait.toMillis() << Math.min(attempt - 1, 6);
        return Duration.ofMillis(Math.min(millis, 60_000));
    }

    /** Sleeps in short steps so a stop is noticed; false when the instance stopped meanwhile. */
    private boolean pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (!closed && System.nanoTime() < until) {
                Thread.sleep(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed;
    }

    private ImportReport failureReport(String name, String error) {
        Instant now = clock.instant();
        return new ImportReport(null, context.instanceId(), name, null, "FAILED", 0, 0, 0, 0, 0, null, error, now, now);
    }

    /** Moves a file into a folder under its name plus a timestamp, and a counter should that name be taken. */
    Path moveTo(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String stamp = STAMP.format(LocalDateTime.ofInstant(clock.instant(), config.timeZone()));
        Path target = folder.resolve(base + "-" + stamp + ext);
        for (int n = 2; Files.exists(target) || Files.exists(target.resolveSibling(target.getFileName() + ".report.json")); n++) {
            target = folder.resolve(base + "-" + stamp + "-" + n + ext);
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(file, target);
        }
    }

    @Override
    public boolean acceptsUploads() {
        return true;
    }

    @Override
    public ImportReport upload(String fileName, Path file) {
        if (closed) {
            throw HubException.configuration("This spreadsheet instance is stopped");
        }
        try {
            return importer.importFile(fileName, file);
        } catch (UnreadableFileException e) {
            return failureReport(fileName, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        log.info("Stopped watching inbox {}", config.inbox());
    }
}

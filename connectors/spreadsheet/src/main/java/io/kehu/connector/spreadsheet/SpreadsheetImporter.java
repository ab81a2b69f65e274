package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.connector.spreadsheet.HeaderMapping.Columns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one file: checksum, begin (or resume, or skip) the import, stream the rows, submit them
 * in batches, complete. Used alike by the inbox route and by uploads; safe to call from several
 * threads, each call with its own file.
 */
final class SpreadsheetImporter {

    private static final Logger log = LoggerFactory.getLogger(SpreadsheetImporter.class);

    private final SpreadsheetConfig config;
    private final HeaderMapping mapping;
    private final ImportTracker tracker;
    private final IngestSink ingest;
    private final ConnectorMetrics metrics;
    private final Clock clock;

    SpreadsheetImporter(SpreadsheetConfig config, ImportTracker tracker, IngestSink ingest, ConnectorMetrics metrics, Clock clock) {
        this.config = config;
        this.mapping = new HeaderMapping(config.mapping());
        this.tracker = tracker;
        this.ingest = ingest;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Imports a file and returns its final report. A file that cannot be read is reported as
     * failed; rows that cannot be read or mapped are rejected in the report and the rest goes on.
     *
     * @param fileName the name the user knows the file by; its extension decides the format
     * @throws UnreadableFileException when the file cannot even be read once for its checksum
     * @throws HubException            retryable when the hub cannot store a batch: the import stays open and
     *                                 a later attempt resumes after the last committed row
     */
    ImportReport importFile(String fileName, Path file) {
        SpreadsheetFormat format = SpreadsheetFormat.ofFileName(fileName);
        FileFingerprint fingerprint;
        try {
            fingerprint = FileFingerprint.of(file, config.encoding());
        } catch (IOException e) {
            metrics.increment("files.failed", 1);
            throw new UnreadableFileException("The file cannot be read: " + e.getClass().getSimpleName(), e);
        }
        format = format.checkedAgainst(fingerprint);
        ImportHandle handle = tracker.begin(fileName, fingerprint.sha256(), fingerprint.size());
        if (handle.alreadyCompleted()) {
            log.info("Skipping {}: the same content was imported before (import {})", fileName, handle.id());
            metrics.increment("files.skipped", 1);
            return handle.report();
        }
        log.info("Importing {} ({} bytes, {}) as import {}{}", fileName, fingerprint.size(), format.label(), handle.id(),
                handle.resumeAfterRow() > 0 ? ", resuming after row " + handle.resumeAfterRow() : "");
        if (format.refusal() != null) {
            return failed(handle, fileName, format.refusal());
        }
        RowReader reader = null;
        long rowsRead;
        try {
            reader = open(format, file, fingerprint);
            // A resumed import keeps its first start, so rows read again get the same interaction time.
            Instant start = handle.resumeAfterRow() > 0 ? handle.startedAt() : clock.instant();
            rowsRead = readRows(fileName, fingerprint.sha256(), reader, handle, start);
        } catch (UnreadableFileException e) {
            return failed(handle, fileName, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            log.debug("Reading {} failed", fileName, e);
            return failed(handle, fileName, "The file cannot be read to its end (" + e.getClass().getSimpleName()
                    + "); rows before the damage were imported");
        } catch (HubException e) {
            if (e.retryable()) {
                log.warn("Import of {} interrupted, a later attempt resumes it: {}", fileName, e.getMessage());
                metrics.error("Import of " + fileName + " interrupted: " + e.getMessage());
                throw e;
            }
            return failed(handle, fileName, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Import of {} failed on a defect", fileName, e);
            return failed(handle, fileName, "Internal error while reading the file (" + e.getClass().getSimpleName() + ")");
        } finally {
            closeQuietly(reader, fileName);
        }
        ImportReport report = handle.complete(rowsRead);
        metrics.increment("files.imported", 1);
        log.info("Imported {}: {} rows read, {} imported, {} rejected", fileName, report.rowsRead(), report.imported(), report.rejectedCount());
        return report;
    }

    /** Every row is in by the time a reader closes: a failure to close must not fail the import. */
    private static void closeQuietly(RowReader reader, String fileName) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing {} failed", fileName, e);
        }
    }

    private RowReader open(SpreadsheetFormat format, Path file, FileFingerprint fingerprint) throws IOException {
        if (format == SpreadsheetFormat.XLSX) {
            return XlsxRowReader.open(file, config.sheet());
        }
        char delimiter = config.delimiter();
        if (delimiter == 0) {
            delimiter = format == SpreadsheetFormat.TSV ? '\t'
                    : CsvRowReader.sniffDelimiter(file, fingerprint.charset(), config.headerRow());
        }
        log.debug("Reading as {} with delimiter U+{}", fingerprint.charset().charset(), String.format(Locale.ROOT, "%04X", (int) delimiter));
        return CsvRowReader.open(file, fingerprint.charset(), delimiter);
    }

    /** Reads, maps and submits every row after the header; returns the number of data rows read. */
    private long readRows(String fileName, String checksum, RowReader reader, ImportHandle handle, Instant start) throws IOException {
        Columns columns = readHeader(reader);
        if (!columns.hasIdentifierColumn()) {
            throw new UnreadableFileException("No phone, email or unionid column among the headers: " + columns.describe()
                    + ". Name a column 手机/Phone or 邮箱/Email, or map it in the instance's 'mapping'.");
        }
        String source = config.source() != null ? config.source() : fileName;
        SpreadsheetRecordMapper mapper = new SpreadsheetRecordMapper(columns, fileName, checksum, source, config.timeZone(), start);
        long resumeAfter = handle.resumeAfterRow();
        int batchSize = Math.max(1, ingest.preferredBatchSize());
        List<SourceRecord> batch = new ArrayList<>(batchSize);
        long rowsRead = 0;
        long lastRow = 0;
        SheetRow row;
        while ((row = reader.next()) != null) {
            if (row.blank()) {
                continue;
            }
            rowsRead++;
            if (row.number() <= resumeAfter) {
                continue;
            }
            metrics.increment("rows.read", 1);
            lastRow = row.number();
            String rejection = row.error();
            if (rejection == null) {
                SpreadsheetRecordMapper.Mapped mapped = mapper.map(row.number(), row.cells());
                rejection = mapped.rejection();
                if (mapped.record() != null) {
                    batch.add(mapped.record());
                }
            }
            if (rejection != null) {
                log.debug("Row {} of {} rejected: {}", row.number(), fileName, rejection);
                handle.reject(row.number(), rejection);
                metrics.increment("rows.rejected", 1);
            }
            if (batch.size() >= batchSize) {
                submit(handle, batch, lastRow);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            submit(handle, batch, lastRow);
        }
        return rowsRead;
    }

    /** The first non-blank row at or after the configured header row. */
    private Columns readHeader(RowReader reader) throws IOException {
        SheetRow row;
        while ((row = reader.next()) != null) {
            if (row.number() < config.headerRow() || row.blank()) {
                continue;
            }
            if (row.error() != null) {
                throw new UnreadableFileException("The header row (row " + row.number() + ") cannot be read: " + row.error());
            }
            return mapping.resolve(row.cells());
        }
        throw new UnreadableFileException("The file has no header row: nothing at or after row " + config.headerRow());
    }

    private void submit(ImportHandle handle, List<SourceRecord> batch, long lastRow) {
        IngestResult result = handle.submit(batch, lastRow);
        metrics.increment("records.submitted", batch.size());
        if (!result.rejected().isEmpty()) {
            metrics.increment("rows.rejected", result.rejected().size());
        }
    }

    private ImportReport failed(ImportHandle handle, String fileName, String reason) {
        log.warn("Import of {} failed: {}", fileName, reason);
        metrics.increment("files.failed", 1);
        metrics.error("Import of " + fileName + " failed: " + reason);
        return handle.fail(reason);
    }
}

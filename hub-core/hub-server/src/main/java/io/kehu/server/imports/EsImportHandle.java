package io.kehu.server.imports;

import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.search.ImportDoc;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One import's progress. Counters and rejected rows are persisted together with the last committed
 * row, so after a crash the report and the resume point agree: rows after it are read again and
 * counted again, rows before it are not.
 */
final class EsImportHandle implements ImportHandle {

    /** Rejected rows kept in full in the report; beyond this only the count grows. */
    static final int MAX_REJECTED_IN_REPORT = 1000;
    private static final Pattern ROW = Pattern.compile("(\\d+)\\D*$");

    private final ImportService service;
    private final IngestSink sink;
    private final Clock clock;
    private final boolean completedBefore;
    private ImportDoc doc;
    private final List<ImportReport.RejectedRow> rejected;
    private static final java.time.Duration SAVE_INTERVAL = java.time.Duration.ofSeconds(1);
    private Instant lastSaved;

    EsImportHandle(ImportService service, IngestSink sink, String connectorId, String id, String fileName,
                   String checksum, ImportDoc existing, Clock clock) {
        this.service = service;
        this.sink = sink;
        this.clock = clock;
        this.completedBefore = existing != null && "COMPLETED".equals(existing.status());
        if (existing == null) {
            doc = new ImportDoc(id, connectorId, fileName, checksum, "RUNNING", 0, 0, 0, 0, 0, List.of(), null, 0,
                    clock.instant(), null);
            service.save(doc);
        } else if (completedBefore) {
            doc = existing;
        } else {
            doc = with(existing, "RUNNING", existing.rowsRead(), null, null);
            service.save(doc);
        }
        this.rejected = new ArrayList<>(doc.rejected());
    }

    @Override
    public String id() {
        return doc.id();
    }

    @Override
    public long resumeAfterRow() {
        return completedBefore ? Long.MAX_VALUE : doc.lastCommittedRow();
    }

    @Override
    public boolean alreadyCompleted() {
        return completedBefore;
    }

    @Override
    public Instant startedAt() {
        return doc.startedAt();
    }

    @Override
    public ImportReport report() {
        return doc.toReport();
    }

    @Override
    public void reject(long row, String reason) {
        if (rejected.size() < MAX_REJECTED_IN_REPORT) {
            rejected.add(new ImportReport.RejectedRow(row, reason));
            // The connector refuses rows as it reads them, the hub after each batch: show them in file order.
            rejected.sort(java.util.Comparator.comparingLong(ImportReport.RejectedRow::row));
        }
        doc = counts(doc, 0, 0, 0, 1);
    }

    @Override
    public IngestResult submit(List<SourceRecord> batch, long lastRow) {
        IngestResult result = batch.isEmpty() ? IngestResult.empty() : sink.submit(batch);
        for (IngestResult.Rejection r : result.rejected()) {
            reject(rowOf(r), r.reason());
        }
        doc = counts(doc, result.created() + result.updated(), result.created(), result.merged(), 0);
        doc = new ImportDoc(doc.id(), doc.connectorId(), doc.fileName(), doc.checksum(), doc.status(), doc.rowsRead(),
                doc.imported(), doc.created(), doc.merged(), doc.rejectedCount(), List.copyOf(rejected), doc.error(),
                Math.max(doc.lastCommittedRow(), lastRow), doc.startedAt(), doc.finishedAt());
        // Progress is saved at most once a second: a restart then re-reads a few batches more, which
        // is harmless (idempotent), instead of paying one more write per batch.
        Instant now = clock.instant();
        if (lastSaved == null || !now.isBefore(lastSaved.plus(SAVE_INTERVAL))) {
            service.save(doc);
            lastSaved = now;
        }
        return result;
    }

    @Override
    public ImportReport complete(long rowsRead) {
        if (!completedBefore) {
            doc = with(doc, "COMPLETED", rowsRead, null, clock.instant());
            service.save(doc);
        }
        return doc.toReport();
    }

    @Override
    public ImportReport fail(String reason) {
        doc = with(doc, "FAILED", doc.rowsRead(), reason, clock.instant());
        service.save(doc);
        return doc.toReport();
    }

    private ImportDoc with(ImportDoc d, String status, long rowsRead, String error, Instant finishedAt) {
        List<ImportReport.RejectedRow> rows = rejected == null ? d.rejected() : List.copyOf(rejected);
        return new ImportDoc(d.id(), d.connectorId(), d.fileName(), d.checksum(), status, rowsRead, d.imported(),
                d.created(), d.merged(), d.rejectedCount(), rows, error, d.lastCommittedRow(), d.startedAt(), finishedAt);
    }

    private static ImportDoc counts(ImportDoc d, long imported, long created, long merged, long rejectedCount) {
        return new ImportDoc(d.id(), d.connectorId(), d.fileName(), d.checksum(), d.status(), d.rowsRead(),
                d.imported() + imported, d.created() + created, d.merged() + merged, d.rejectedCount() + rejectedCount,
                d.rejected(), d.error(), d.lastCommittedRow(), d.startedAt(), d.finishedAt());
    }

    /** Row number from a rejection's position ({@code row 17}) or, failing that, its key ({@code …:17}). */
    private static long rowOf(IngestResult.Rejection r) {
        for (String s : new String[] {r.position(), r.key()}) {
            if (s != null) {
                Matcher m = ROW.matcher(s);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        return 0;
    }
}

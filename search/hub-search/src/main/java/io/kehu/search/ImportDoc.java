package io.kehu.search;

import io.kehu.api.spi.ImportReport;
import java.time.Instant;
import java.util.List;

/** An import's report as stored, plus the last row committed, from which a restart resumes. */
public record ImportDoc(
        String id,
        String connectorId,
        String fileName,
        String checksum,
        String status,
        long rowsRead,
        long imported,
        long created,
        long merged,
        long rejectedCount,
        List<ImportReport.RejectedRow> rejected,
        String error,
        long lastCommittedRow,
        Instant startedAt,
        Instant finishedAt) {

    public ImportReport toReport() {
        return new ImportReport(id, connectorId, fileName, checksum, status, rowsRead, imported, created, merged,
                rejectedCount, rejected, error, startedAt, finishedAt);
    }
}

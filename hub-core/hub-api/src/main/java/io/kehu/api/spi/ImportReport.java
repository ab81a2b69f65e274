package io.kehu.api.spi;

import java.time.Instant;
import java.util.List;

/**
 * The report of one import.
 *
 * @param status   {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param rowsRead data rows read (the header not counted)
 * @param imported rows that created or updated a profile
 * @param created  rows that created a new profile
 * @param merged   profiles merged because a row linked them
 * @param rejected rows refused, each with row number and reason (the first ones; see {@code rejectedCount})
 */
public record ImportReport(
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
        List<RejectedRow> rejected,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";

    public ImportReport {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    /** A refused row: its 1-based number as a spreadsheet user counts it (header is row 1) and why. */
    public record RejectedRow(long row, String reason) {
    }
}

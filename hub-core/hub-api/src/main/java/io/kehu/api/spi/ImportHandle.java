package io.kehu.api.spi;

import io.kehu.api.domain.SourceRecord;
import java.time.Instant;
import java.util.List;

/** One running import. Not thread-safe: one reader feeds it. */
public interface ImportHandle {

    /** The import's id, shown in reports and served by the REST API. */
    String id();

    /** Rows up to and including this one were committed by an earlier run: skip them. 0 for a fresh import. */
    long resumeAfterRow();

    /** True when this content was already imported completely; the caller may skip it and return {@link #report()}. */
    boolean alreadyCompleted();

    /**
     * When the import first started. A resumed import keeps its original start, so times derived
     * from it (e.g. an interaction's time when the file has no date column) stay the same on replay.
     */
    Instant startedAt();

    /** The report as it stands now, without changing anything. */
    ImportReport report();

    /** Records a row that could not be read or mapped. */
    void reject(long row, String reason);

    /**
     * Ingests a batch and then commits {@code lastRow} as progress: a restart resumes after it.
     * Rejections of the ingest are added to the report with their positions.
     */
    IngestResult submit(List<SourceRecord> batch, long lastRow);

    /** Marks the import completed with the number of rows read; returns the final report. */
    ImportReport complete(long rowsRead);

    /** Marks the import failed as a whole (unreadable file); rows already imported stay. */
    ImportReport fail(String reason);
}

package io.kehu.api.testing;

import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's side of import bookkeeping, kept in memory: imports keyed by checksum, progress and
 * rejections (a rejection's position {@code row n} becomes row n), the batches through the given sink.
 */
public final class RecordingImportTracker implements ImportTracker {

    public final Map<String, State> imports = new LinkedHashMap<>();
    private final IngestSink sink;
    private final String connectorId;
    private int sequence;

    public RecordingImportTracker(IngestSink sink, String connectorId) {
        this.sink = sink;
        this.connectorId = connectorId;
    }

    /** One import as the hub would store it; tests read and pre-set its fields. */
    public static final class State {
        public String id;
        public String fileName;
        public String checksum;
        public String status = "RUNNING";
        public long committedRow;
        public long rowsRead;
        public long imported;
        public long created;
        public long merged;
        public final List<ImportReport.RejectedRow> rejected = new ArrayList<>();
        public String error;
        public Instant startedAt = Instant.now();
        public Instant finishedAt;
        public int begins;

        ImportReport report(String connectorId) {
            return new ImportReport(id, connectorId, fileName, checksum, status, rowsRead, imported, created, merged,
                    rejected.size(), rejected, error, startedAt, finishedAt);
        }
    }

    /** The one import begun so far. */
    public State only() {
        return imports.values().iterator().next();
    }

    @Override
    public ImportHandle begin(String fileName, String checksum, long sizeBytes) {
        State s = imports.computeIfAbsent(checksum, c -> {
            State n = new State();
            n.id = "imp-" + (++sequence);
            n.fileName = fileName;
            n.checksum = c;
            return n;
        });
        s.begins++;
        return new Handle(s);
    }

    private final class Handle implements ImportHandle {
        private final State s;
        private final boolean alreadyCompleted;

        Handle(State s) {
            this.s = s;
            this.alreadyCompleted = "COMPLETED".equals(s.status);
            if (!alreadyCompleted) {
                s.status = "RUNNING";
            }
        }

        @Override
        public String id() {
            return s.id;
        }

        @Override
        public long resumeAfterRow() {
            return s.committedRow;
        }

        @Override
        public boolean alreadyCompleted() {
            return alreadyCompleted;
        }

        @Override
        public Instant startedAt() {
            return s.startedAt;
        }

        @Override
        public ImportReport report() {
            return s.report(connectorId);
        }

        @Override
        public void reject(long row, String reason) {
            s.rejected.add(new ImportReport.RejectedRow(row, reason));
        }

        @Override
        public IngestResult submit(List<SourceRecord> batch, long lastRow) {
            IngestResult r = sink.submit(batch);
            for (IngestResult.Rejection rej : r.rejected()) {
                s.rejected.add(new ImportReport.RejectedRow(Long.parseLong(rej.position().replace("row ", "")), rej.reason()));
            }
            s.imported += r.created() + r.updated();
            s.created += r.created();
            s.merged += r.merged();
            s.committedRow = lastRow;
            return r;
        }

        @Override
        public ImportReport complete(long rowsRead) {
            if (!alreadyCompleted) {
                s.status = "COMPLETED";
                s.rowsRead = rowsRead;
                s.finishedAt = Instant.now();
            }
            return s.report(connectorId);
        }

        @Override
        public ImportReport fail(String reason) {
            s.status = "FAILED";
            s.error = reason;
            s.finishedAt = Instant.now();
            return s.report(connectorId);
        }
    }
}

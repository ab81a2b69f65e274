package io.kehu.connector.spreadsheet;

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

/** The hub's side of import bookkeeping, kept in memory: imports keyed by checksum, progress, rejections. */
final class InMemoryImportTracker implements ImportTracker {

    final Map<String, State> imports = new LinkedHashMap<>();
    private final IngestSink sink;
    private final String connectorId;
    private int sequence;

    InMemoryImportTracker(IngestSink sink, String connectorId) {
        this.sink = sink;
        this.connectorId = connectorId;
    }

    static final class State {
        String id;
        String fileName;
        String checksum;
        String status = "RUNNING";
        long committedRow;
        long rowsRead;
        long imported;
        long created;
        long merged;
        final List<ImportReport.RejectedRow> rejected = new ArrayList<>();
        String error;
        Instant startedAt = Instant.now();
        Instant finishedAt;
        int begins;

        ImportReport report(String connectorId) {
            return new ImportReport(id, connectorId, fileName, checksum, status, rowsRead, imported, created, merged,
                    rejected.size(), rejected, error, startedAt, finishedAt);
        }
    }

    State only() {
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

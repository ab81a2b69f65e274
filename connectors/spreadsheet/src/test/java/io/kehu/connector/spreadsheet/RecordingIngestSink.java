package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import java.util.ArrayList;
import java.util.List;

/** The hub's ingest path reduced to a list: every record is kept; a batch can be made to fail as the store would. */
final class RecordingIngestSink implements IngestSink {

    final List<SourceRecord> records = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    private final int batchSize;
    /** Batches accepted before the store "goes down"; negative for never. */
    int failAfterBatches = -1;
    /** Once down, how many submits fail before it is back; negative for "stays down". */
    int failures = -1;

    RecordingIngestSink(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public int preferredBatchSize() {
        return batchSize;
    }

    @Override
    public IngestResult submit(List<SourceRecord> batch) {
        if (failAfterBatches >= 0 && batchSizes.size() >= failAfterBatches && failures != 0) {
            failures = Math.max(-1, failures - 1);
            throw HubException.retryable("Elasticsearch is unavailable", null);
        }
        batchSizes.add(batch.size());
        records.addAll(batch);
        return new IngestResult(batch.size(), 0, 0, List.of());
    }

    SourceRecord record(long row) {
        return records.stream().filter(r -> r.position().equals("row " + row)).findFirst()
                .orElseThrow(() -> new AssertionError("no record for row " + row + " in " + rows()));
    }

    List<Long> rows() {
        return records.stream().map(r -> Long.parseLong(r.position().substring(4))).toList();
    }
}

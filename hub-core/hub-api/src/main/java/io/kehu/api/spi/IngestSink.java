package io.kehu.api.spi;

import io.kehu.api.domain.SourceRecord;
import java.util.List;

/**
 * The hub's one ingest path. {@link #submit} returns only after Elasticsearch acknowledged every
 * write of the batch, so a caller may commit its own position afterwards.
 */
public interface IngestSink {

    /** Preferred number of records per {@link #submit} call. */
    int preferredBatchSize();

    /**
     * Normalizes, resolves, merges and indexes the records. Records whose identifiers are all
     * invalid or blocked come back in {@link IngestResult#rejected()}; they do not fail the batch.
     *
     * @throws io.kehu.api.HubException retryable when the store is unavailable
     */
    IngestResult submit(List<SourceRecord> batch);
}

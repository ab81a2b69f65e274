package io.kehu.api.spi;

import java.nio.file.Path;
import org.apache.camel.RoutesBuilder;

/** What the hub gives a running source connector instance. */
public interface SourceContext {

    /** The instance id, unique in the hub, e.g. {@code trade-show-sheets}. */
    String instanceId();

    ConnectorConfig config();

    /** Synchronous, batched entry into identity resolution and indexing. */
    IngestSink ingest();

    /** Opaque per-instance state (cursors, offsets), committed durably. */
    StateStore state();

    /** Import bookkeeping for file-like sources: progress, rejected rows, reports, resume. */
    ImportTracker imports();

    /** Things this instance could not process, kept for inspection and replay. */
    DeadLetterStore deadLetters();

    /**
     * The instance's durable work queue; items are handed to {@link SourceTask#workHandler()} in
     * the background. Throws when the task has no work handler.
     */
    WorkQueue work();

    /** Counters shown in the instance's health. */
    ConnectorMetrics metrics();

    /** A folder this instance may use for scratch files; it survives restarts. */
    Path workDir();

    /**
     * Adds Camel routes for this instance; the hub stops and removes them when the instance stops.
     * Give them ids that start with the instance id, so they are recognisable in logs and metrics.
     */
    void addRoutes(RoutesBuilder routes);
}

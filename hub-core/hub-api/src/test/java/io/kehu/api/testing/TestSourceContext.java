package io.kehu.api.testing;

import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.DeadLetterStore;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.StateStore;
import io.kehu.api.spi.WorkQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.RoutesBuilder;

/**
 * What the hub gives a source connector instance, in memory and thread-safe (Camel's consumer
 * threads write, the test reads). It records every ingested batch, dead letter (one per key, as the
 * hub keeps them), enqueued work item (deduplicated by id, as the hub's queue does), import, counter
 * and route; its ingest can be made to fail as the store would. State lives in a map the test can
 * hand to a second context to simulate a restart. Routes go to whatever {@link #routeTarget} does.
 */
public final class TestSourceContext implements SourceContext {

    /** One enqueued work item. */
    public record Work(String id, String type, String payload) {
    }

    public final String instanceId;
    public final ConnectorConfig config;
    public final Map<String, String> state;
    public final List<List<SourceRecord>> batches = Collections.synchronizedList(new ArrayList<>());
    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    public final Map<String, Work> work = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<Work> enqueueCalls = new CopyOnWriteArrayList<>();
    public final Map<String, Long> counters = new ConcurrentHashMap<>();
    public final List<String> errors = new CopyOnWriteArrayList<>();
    public final List<RoutesBuilder> routes = new CopyOnWriteArrayList<>();
    /** Reasons the "hub" gives for refusing records, by record key. */
    public final Map<String, String> rejections = new ConcurrentHashMap<>();
    /** Submits that failed through {@link #ingestFailure} or {@link #failAfterBatches}. */
    public final AtomicInteger failedSubmits = new AtomicInteger();
    /** Import bookkeeping; its batches go through this context's ingest. */
    public final RecordingImportTracker tracker;
    /** Where added routes go, e.g. into a test's own CamelContext. */
    public volatile Consumer<RoutesBuilder> routeTarget = r -> { };
    /** Decides per batch whether (and how) the store fails; null (or returning null) for a healthy store. */
    public volatile Function<List<SourceRecord>, RuntimeException> ingestFailure;
    /** Batches accepted before the store "goes down"; negative for never. */
    public volatile int failAfterBatches = -1;
    /** Whether the work queue's store is "down". */
    public volatile boolean failEnqueue;

    private final IngestSink sink = new RecordingSink();
    private volatile int batchSize = 100;
    private volatile Path workDir;

    public TestSourceContext(String instanceId, List<ConfigField> fields, Map<String, ?> values) {
        this(instanceId, fields, values, new ConcurrentHashMap<>());
    }

    /** With state the test owns: pass one context's {@link #state} to the next to simulate a restart. */
    public TestSourceContext(String instanceId, List<ConfigField> fields, Map<String, ?> values, Map<String, String> state) {
        this.instanceId = instanceId;
        this.config = new ConnectorConfig(fields, values);
        this.state = state;
        this.tracker = new RecordingImportTracker(sink, instanceId);
        this.workDir = Path.of("target", "work", instanceId);
    }

    /** The ingest sink's preferred batch size (100 unless set). */
    public TestSourceContext batchSize(int size) {
        this.batchSize = size;
        return this;
    }

    /** The instance's scratch folder (by default the instance id under {@code work} in {@code target}). */
    public TestSourceContext workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** Every ingested record, in order. */
    public List<SourceRecord> records() {
        synchronized (batches) {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    /** The one ingested record; fails when there are none or several. */
    public SourceRecord only() {
        List<SourceRecord> all = records();
        if (all.size() != 1) {
            throw new AssertionError("expected one ingested record, got " + all.size());
        }
        return all.get(0);
    }

    /** The ingested record at {@code position} (e.g. {@code row 3}). */
    public SourceRecord at(String position) {
        return records().stream().filter(r -> position.equals(r.position())).findFirst()
                .orElseThrow(() -> new AssertionError("no record at " + position + " in "
                        + records().stream().map(SourceRecord::position).toList()));
    }

    /** Ingested records by interaction id, the last one winning, as the hub's interaction index keeps them. */
    public Map<String, SourceRecord> interactions() {
        Map<String, SourceRecord> byId = new LinkedHashMap<>();
        records().stream().filter(r -> r.interaction() != null).forEach(r -> byId.put(r.interaction().id(), r));
        return byId;
    }

    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** Makes every submit fail as an unreachable Elasticsearch would (retryable). */
    public void storeDown() {
        ingestFailure = batch -> HubException.retryable("Elasticsearch is unavailable", null);
    }

    public void storeUp() {
        ingestFailure = null;
        failAfterBatches = -1;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public IngestSink ingest() {
        return sink;
    }

    @Override
    public StateStore state() {
        return new MapStateStore(state);
    }

    @Override
    public ImportTracker imports() {
        return tracker;
    }

    @Override
    public DeadLetterStore deadLetters() {
        return letter -> {
            deadLetters.removeIf(l -> l.key() != null && l.key().equals(letter.key()));
            deadLetters.add(letter);
            return "dl-" + deadLetters.size();
        };
    }

    @Override
    public WorkQueue work() {
        return (id, type, payload) -> {
            if (failEnqueue) {
                throw HubException.retryable("Could not store a work item", null);
            }
            Work w = new Work(id, type, payload);
            enqueueCalls.add(w);
            return work.putIfAbsent(id, w) == null;
        };
    }

    @Override
    public ConnectorMetrics metrics() {
        return new RecordingMetrics(counters, errors);
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void addRoutes(RoutesBuilder routes) {
        this.routes.add(routes);
        routeTarget.accept(routes);
    }

    private final class RecordingSink implements IngestSink {

        @Override
        public int preferredBatchSize() {
            return batchSize;
        }

        @Override
        public IngestResult submit(List<SourceRecord> batch) {
            Function<List<SourceRecord>, RuntimeException> f = ingestFailure;
            RuntimeException failure = f == null ? null : f.apply(batch);
            if (failure == null && failAfterBatches >= 0 && batches.size() >= failAfterBatches) {
                failure = HubException.retryable("Elasticsearch is unavailable", null);
            }
            if (failure != null) {
                failedSubmits.incrementAndGet();
                throw failure;
            }
            batches.add(List.copyOf(batch));
            List<IngestResult.Rejection> rejected = batch.stream().filter(r -> rejections.containsKey(r.key()))
                    .map(r -> new IngestResult.Rejection(r.key(), r.position(), rejections.get(r.key()))).toList();
            return new IngestResult(batch.size() - rejected.size(), 0, 0, rejected);
        }
    }
}

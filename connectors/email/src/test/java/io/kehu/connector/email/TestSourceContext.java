package io.kehu.connector.email;

import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.DeadLetterStore;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.StateStore;
import io.kehu.api.testing.MapStateStore;
import io.kehu.api.testing.RecordingMetrics;
import io.kehu.api.spi.WorkQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.RoutesBuilder;

/**
 * What the hub gives an instance, in memory and thread-safe (Camel's consumer threads write, the
 * test reads). The sink keeps every submitted record and, as the hub's interaction index does,
 * one interaction per id; it can be made to fail as the store would.
 */
final class TestSourceContext implements SourceContext {

    final String instanceId;
    final ConnectorConfig config;
    final Path workDir;
    final List<SourceRecord> submitted = new CopyOnWriteArrayList<>();
    final Map<String, SourceRecord> interactions = new ConcurrentHashMap<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    final Map<String, String> state = new ConcurrentHashMap<>();
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final AtomicInteger failedSubmits = new AtomicInteger();
    /** When set, decides per batch whether (and how) the store fails; null for a healthy store. */
    volatile Function<List<SourceRecord>, RuntimeException> failure;
    Consumer<RoutesBuilder> routeTarget = r -> { };

    TestSourceContext(String instanceId, Map<String, ?> values, Path workDir) {
        this.instanceId = instanceId;
        this.config = new ConnectorConfig(EmailConfig.FIELDS, values);
        this.workDir = workDir;
    }

    long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    void storeDown() {
        failure = batch -> HubException.retryable("Elasticsearch is unavailable", null);
    }

    void storeUp() {
        failure = null;
    }

    List<String> submittedIds() {
        return submitted.stream().map(r -> r.interaction().id()).toList();
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
        return new IngestSink() {
            @Override
            public int preferredBatchSize() {
                return 100;
            }

            @Override
            public IngestResult submit(List<SourceRecord> batch) {
                Function<List<SourceRecord>, RuntimeException> f = failure;
                RuntimeException e = f == null ? null : f.apply(batch);
                if (e != null) {
                    failedSubmits.incrementAndGet();
                    throw e;
                }
                submitted.addAll(batch);
                batch.forEach(r -> interactions.put(r.interaction().id(), r));
                return new IngestResult(batch.size(), 0, 0, new ArrayList<>());
            }
        };
    }

    @Override
    public StateStore state() {
        return new MapStateStore(state);
    }

    @Override
    public ImportTracker imports() {
        throw new UnsupportedOperationException("the email connector imports no files");
    }

    @Override
    public DeadLetterStore deadLetters() {
        return letter -> {
            deadLetters.removeIf(l -> l.key() != null && l.key().equals(letter.key())); // the hub keeps one per key
            deadLetters.add(letter);
            return "dl-" + deadLetters.size();
        };
    }

    @Override
    public WorkQueue work() {
        throw new UnsupportedOperationException("the email connector has no work queue");
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
        routeTarget.accept(routes);
    }
}

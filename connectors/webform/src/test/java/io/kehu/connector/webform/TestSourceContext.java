package io.kehu.connector.webform;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.camel.RoutesBuilder;

/**
 * What the hub gives an instance, in memory (adapted from the spreadsheet connector's): it records
 * every ingested batch and dead letter, and its ingest can be made to fail as the store would.
 */
final class TestSourceContext implements SourceContext {

    final String instanceId;
    final ConnectorConfig config;
    final List<List<SourceRecord>> batches = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final List<String> errors = new ArrayList<>();
    private final Map<String, String> state = new HashMap<>();
    /** When set, each submit throws what it returns (or returns normally for null). */
    Function<List<SourceRecord>, RuntimeException> ingestFailure = b -> null;
    /** Reasons the "hub" gives for refusing records, by record key. */
    final Map<String, String> rejections = new HashMap<>();

    TestSourceContext(String instanceId, Map<String, ?> values) {
        this.instanceId = instanceId;
        this.config = new ConnectorConfig(WebFormConfig.FIELDS, values);
    }

    List<SourceRecord> records() {
        return batches.stream().flatMap(List::stream).toList();
    }

    SourceRecord only() {
        List<SourceRecord> all = records();
        if (all.size() != 1) {
            throw new AssertionError("expected one ingested record, got " + all.size());
        }
        return all.get(0);
    }

    long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    void storeUnavailable() {
        ingestFailure = b -> HubException.retryable("Elasticsearch is unavailable", null);
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
                RuntimeException failure = ingestFailure.apply(batch);
                if (failure != null) {
                    throw failure;
                }
                batches.add(List.copyOf(batch));
                List<IngestResult.Rejection> rejected = batch.stream().filter(r -> rejections.containsKey(r.key()))
                        .map(r -> new IngestResult.Rejection(r.key(), r.position(), rejections.get(r.key()))).toList();
                return new IngestResult(batch.size() - rejected.size(), 0, 0, rejected);
            }
        };
    }

    @Override
    public StateStore state() {
        return new MapStateStore(state);
    }

    @Override
    public ImportTracker imports() {
        throw new UnsupportedOperationException("forms are not file imports");
    }

    @Override
    public DeadLetterStore deadLetters() {
        return letter -> {
            deadLetters.add(letter);
            return "dl-" + deadLetters.size();
        };
    }

    @Override
    public WorkQueue work() {
        throw new UnsupportedOperationException("the web form connector has no work queue");
    }

    @Override
    public ConnectorMetrics metrics() {
        return new RecordingMetrics(counters, errors);
    }

    @Override
    public Path workDir() {
        return Path.of("target", "work", instanceId);
    }

    @Override
    public void addRoutes(RoutesBuilder routes) {
        throw new UnsupportedOperationException("the web form connector adds no routes");
    }
}

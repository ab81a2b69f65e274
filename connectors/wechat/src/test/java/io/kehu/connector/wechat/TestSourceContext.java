package io.kehu.connector.wechat;

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
import io.kehu.api.testing.MapStateStore;
import io.kehu.api.testing.RecordingMetrics;
import io.kehu.api.spi.WorkQueue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.camel.RoutesBuilder;

/**
 * What the hub gives an instance, in memory: ingested batches, enqueued work (deduplicated by id
 * as the hub's queue does), state that can outlive a "restart" (pass the same map to a new
 * context), counters and dead letters. Routes go to whatever the test passes in.
 */
final class TestSourceContext implements SourceContext {

    /** One enqueued work item. */
    record Work(String id, String type, String payload) {
    }

    final String instanceId;
    final ConnectorConfig config;
    final Map<String, String> state;
    final List<List<SourceRecord>> batches = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Work> work = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<Work> enqueueCalls = Collections.synchronizedList(new ArrayList<>());
    final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    final List<RoutesBuilder> routes = new ArrayList<>();
    Consumer<RoutesBuilder> routeTarget = r -> { };
    int batchSize = 100;
    /** Whether the work queue's store is "down". */
    volatile boolean failEnqueue;
    /** Batches accepted before the store "goes down"; negative for never. */
    int failAfterBatches = -1;

    TestSourceContext(String instanceId, List<ConfigField> fields, Map<String, ?> values) {
        this(instanceId, fields, values, new ConcurrentHashMap<>());
    }

    TestSourceContext(String instanceId, List<ConfigField> fields, Map<String, ?> values, Map<String, String> state) {
        this.instanceId = instanceId;
        this.config = new ConnectorConfig(fields, values);
        this.state = state;
    }

    List<SourceRecord> records() {
        synchronized (batches) {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    long counter(String name) {
        return counters.getOrDefault(name, 0L);
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
                return batchSize;
            }

            @Override
            public IngestResult submit(List<SourceRecord> batch) {
                if (failAfterBatches >= 0 && batches.size() >= failAfterBatches) {
                    throw HubException.retryable("Elasticsearch is unavailable", null);
                }
                batches.add(List.copyOf(batch));
                return new IngestResult(batch.size(), 0, 0, List.of());
            }
        };
    }

    @Override
    public StateStore state() {
        return new MapStateStore(state);
    }

    @Override
    public ImportTracker imports() {
        throw new UnsupportedOperationException("the WeChat connectors import no files");
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
        throw new UnsupportedOperationException("the WeChat connectors keep no files");
    }

    @Override
    public void addRoutes(RoutesBuilder routes) {
        this.routes.add(routes);
        routeTarget.accept(routes);
    }
}

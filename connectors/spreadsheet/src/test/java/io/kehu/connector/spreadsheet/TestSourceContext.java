package io.kehu.connector.spreadsheet;

import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.StateStore;
import io.kehu.api.testing.MapStateStore;
import io.kehu.api.testing.RecordingMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.camel.RoutesBuilder;

/** What the hub gives an instance, in memory. Routes go to whatever the test passes in. */
final class TestSourceContext implements SourceContext {

    final String instanceId;
    final ConnectorConfig config;
    final RecordingIngestSink sink;
    final InMemoryImportTracker tracker;
    final Path workDir;
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final List<String> errors = new ArrayList<>();
    final List<RoutesBuilder> routes = new ArrayList<>();
    private final Map<String, String> state = new HashMap<>();
    Consumer<RoutesBuilder> routeTarget = r -> { };

    TestSourceContext(String instanceId, Map<String, ?> values, Path workDir, int batchSize) {
        this.instanceId = instanceId;
        this.config = new ConnectorConfig(SpreadsheetConfig.FIELDS, values);
        this.sink = new RecordingIngestSink(batchSize);
        this.tracker = new InMemoryImportTracker(sink, instanceId);
        this.workDir = workDir;
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
    public io.kehu.api.spi.DeadLetterStore deadLetters() {
        throw new UnsupportedOperationException("the spreadsheet connector keeps failed files in its failed folder");
    }

    @Override
    public io.kehu.api.spi.WorkQueue work() {
        throw new UnsupportedOperationException("the spreadsheet connector has no work queue");
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
}

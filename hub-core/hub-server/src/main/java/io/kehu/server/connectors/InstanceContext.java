package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DeadLetterStore;
import io.kehu.api.spi.ImportTracker;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.StateStore;
import io.kehu.api.spi.WorkHandler;
import io.kehu.api.spi.WorkQueue;
import io.kehu.server.work.WorkRunner;
import io.kehu.search.KeyValueStore;
import io.kehu.server.imports.ImportService;
import io.kehu.server.ingest.IngestService;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.slf4j.MDC;

/** What the hub hands one running source instance, and the bookkeeping of what it started. */
public final class InstanceContext implements SourceContext, ConnectorMetrics {

    private final String instanceId;
    private final String pluginId;
    private final ConnectorConfig config;
    private final IngestService ingest;
    private final KeyValueStore state;
    private final ImportService imports;
    private final CamelContext camel;
    private final Path workDir;
    private final DeadLetterStore deadLetters;
    private final WorkRunner work;
    private final InstanceMetrics metrics;
    private final Timer ingestTimer;
    private final List<String> routeIds = new ArrayList<>();

    InstanceContext(String instanceId, String pluginId, ConnectorConfig config, InstanceServices hub) {
        this.instanceId = instanceId;
        this.pluginId = pluginId;
        this.config = config;
        this.ingest = hub.ingest();
        this.metrics = new InstanceMetrics(instanceId, pluginId, hub.meters());
        this.ingestTimer = Timer.builder("kehu.ingest.batch").tag("connector", instanceId)
                .description("Time to resolve and store one batch of records, acknowledged by Elasticsearch")
                .register(hub.meters());
        this.state = hub.state();
        this.imports = hub.imports();
        this.camel = hub.camel();
        this.workDir = hub.dataDir().resolve("connectors").resolve(instanceId);
        this.deadLetters = hub.deadLetters().store(instanceId);
        this.work = new WorkRunner(instanceId, hub.docs(), hub.names(), hub.deadLetters(), hub.retryPolicy(), this, hub.clock());
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
                return ingest.batchSize();
            }

            @Override
            public IngestResult submit(List<SourceRecord> batch) {
                try (var mdc = mdc()) {
                    IngestResult r = ingestTimer.record(() -> ingest.submit(instanceId, batch));
                    increment("records.ingested", batch.size() - r.rejected().size());
                    increment("records.rejected", r.rejected().size());
                    increment("profiles.created", r.created());
                    increment("profiles.merged", r.merged());
                    return r;
                } catch (HubException e) {
                    error(e.getMessage());
                    throw e;
                }
            }
        };
    }

    @Override
    public StateStore state() {
        return new StateStore() {
            @Override
            public Optional<String> get(String key) {
                return state.get(instanceId, key);
            }

            @Override
            public void put(String key, String value) {
                state.put(instanceId, key, value);
            }

            @Override
            public void delete(String key) {
                state.delete(instanceId, key);
            }
        };
    }

    @Override
    public ImportTracker imports() {
        return imports.tracker(instanceId, ingest());
    }

    @Override
    public ConnectorMetrics metrics() {
        return this;
    }

    @Override
    public DeadLetterStore deadLetters() {
        return letter -> {
            increment("deadletters", 1);
            return deadLetters.put(letter);
        };
    }

    @Override
    public WorkQueue work() {
        return work;
    }

    /** Starts the work queue once the task exists, since the handler comes from the task. */
    void startWork(WorkHandler handler) {
        if (handler != null) {
            work.start(handler);
        }
    }

    void stopWork() {
        work.close();
    }

    @Override
    public Path workDir() {
        try {
            return Files.createDirectories(workDir);
        } catch (java.io.IOException e) {
            throw HubException.configuration("Cannot create the work folder of connector " + instanceId);
        }
    }

    @Override
    public synchronized void addRoutes(RoutesBuilder routes) {
        Set<String> before = camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
        try {
            camel.addRoutes(routes);
        } catch (Exception e) {
            throw HubException.configuration("Connector " + instanceId + " could not add its routes: " + e.getMessage());
        }
        camel.getRoutes().stream().map(Route::getRouteId).filter(id -> !before.contains(id)).forEach(routeIds::add);
    }

    /** Stops and removes the routes this instance added. */
    synchronized void removeRoutes() {
        for (String id : routeIds) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                metrics.error("Could not remove route " + id + ": " + e.getMessage());
            }
        }
        routeIds.clear();
    }

    @Override
    public void increment(String name, long n) {
        metrics.increment(name, n);
    }

    @Override
    public void error(String message) {
        metrics.error(message);
    }

    InstanceMetrics instanceMetrics() {
        return metrics;
    }

    /** Puts the instance and plugin ids into the MDC for the duration of a plugin call. */
    public Mdc mdc() {
        return new Mdc(instanceId, pluginId);
    }

    /** Restores the MDC when closed. */
    public static final class Mdc implements AutoCloseable {
        Mdc(String connectorId, String pluginId) {
            MDC.put("connector.id", connectorId);
            MDC.put("plugin.id", pluginId);
        }

        @Override
        public void close() {
            MDC.remove("connector.id");
            MDC.remove("plugin.id");
        }
    }
}

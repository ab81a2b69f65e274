package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.SourceTask;
import io.kehu.server.plugins.PluginHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector instances of this hub, sources and destinations: defines, validates, starts, stops
 * and removes them at run time, each with its own configuration, state and counters.
 */
public class ConnectorRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final PluginHost plugins;
    private final ConnectorTypes types;
    private final DefinitionStore definitions;
    private final InstanceStarter starter;
    private final DeliveryRunner deliveries;
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<Consumer<String>> destinationAdded = new CopyOnWriteArrayList<>();

    public ConnectorRegistry(PluginHost plugins, DefinitionStore definitions, InstanceServices hub) {
        this.plugins = plugins;
        this.types = new ConnectorTypes(plugins);
        this.definitions = definitions;
        this.starter = new InstanceStarter(hub);
        this.deliveries = hub.deliveries();
    }

    /** Loads every definition and starts the enabled ones; one that fails to start is marked failed. */
    public synchronized void startAll() {
        for (InstanceDefinition def : definitions.loadAll()) {
            if (instances.containsKey(def.id())) {
                log.error("Connector id {} is defined twice; keeping the first definition", def.id());
                continue;
            }
            instances.put(def.id(), new Instance(def));
            if (def.enabled()) {
                tryStart(instances.get(def.id()));
            }
        }
    }

    /**
     * What a plugin rescan did.
     *
     * @param loaded  ids of the plugins loaded from new files
     * @param started ids of enabled instances that were waiting for a connector type a new plugin brought
     */
    public record Rescan(List<String> loaded, List<String> started) {
    }

    /**
     * Loads plugin files dropped into the folder and starts the enabled instances that could not start
     * because no plugin provided their type: an instance file and its plugin jar can arrive in either order.
     */
    public synchronized Rescan rescanPlugins() {
        List<String> loaded = plugins.rescan();
        List<String> started = new ArrayList<>();
        if (!loaded.isEmpty()) {
            for (Instance i : instances.values()) {
                if (i.definition.enabled() && !i.running() && i.waitingForType && types.find(i.definition.type()).isPresent()) {
                    tryStart(i);
                    if (i.running()) {
                        started.add(i.definition.id());
                    }
                }
            }
        }
        return new Rescan(loaded, started);
    }

    public synchronized List<InstanceStatus> list() {
        return instances.values().stream().map(this::status).toList();
    }

    /** One instance; a destination's answer also shows its calls today and whether its delivery is held. */
    public InstanceStatus get(String id) {
        InstanceStatus status;
        DailyBudgetSettings budget = null;
        synchronized (this) {
            Instance i = require(id);
            status = status(i);
            if (types.find(i.definition.type()).map(ConnectorTypes.Type::isDestination).orElse(false)
                    && DailyBudgetSettings.problems(i.definition.config()).isEmpty()) {
                budget = DailyBudgetSettings.of(i.definition.config());
            }
        }
        if (budget == null) {
            return status;
        }
        try {
            // Read outside the lock: it is a round trip to Elasticsearch.
            return status.withDelivery(deliveries.status(id, budget));
        } catch (HubException e) {
            log.warn("Could not read the calls today of {}: {}", id, e.getMessage());
            return status;
        }
    }

    /**
     * Every problem with a definition: id, type, field values and the connector's own checks. When the id names an
     * instance defined through the API, its secrets count as given unless retyped, as a change would keep them.
     */
    public List<ConfigProblem> validate(InstanceDefinition def) {
        Instance current;
        synchronized (this) {
            current = def.id() == null ? null : instances.get(def.id());
        }
        if (current == null || !InstanceDefinition.API.equals(current.definition.origin())) {
            return types.validate(def);
        }
        return types.validate(new InstanceDefinition(def.id(), def.type(), def.enabled(),
                KeptSecrets.merge(types.fields(def.type()), current.definition, def), def.origin()));
    }

    /** Told the id of every destination instance defined through the API once it is stored. */
    public void onDestinationAdded(Consumer<String> listener) {
        destinationAdded.add(listener);
    }

    public synchronized InstanceStatus create(InstanceDefinition def) {
        if (instances.containsKey(def.id())) {
            throw new HubException(HubException.Kind.INVALID_INPUT, "A connector with id " + def.id() + " exists already");
        }
        types.requireValid(def);
        InstanceDefinition stored = new InstanceDefinition(def.id(), def.type(), def.enabled(), def.config(), InstanceDefinition.API);
        definitions.save(stored, types.fields(stored.type()));
        Instance i = new Instance(stored);
        instances.put(def.id(), i);
        if (stored.enabled()) {
            start(i);
        }
        if (types.find(stored.type()).map(ConnectorTypes.Type::isDestination).orElse(false)) {
            // Routing held back the decisions for an instance that did not exist; they may go out now.
            destinationAdded.forEach(l -> l.accept(stored.id()));
        }
        return status(i);
    }

    public synchronized InstanceStatus update(String id, InstanceDefinition def) {
        Instance i = require(id);
        requireApiDefined(i);
        // A secret sent back masked or left out keeps its value: no answer ever showed it to the client.
        InstanceDefinition next = new InstanceDefinition(id, def.type(), def.enabled(),
                KeptSecrets.merge(types.fields(def.type()), i.definition, def), InstanceDefinition.API);
        types.requireValid(next);
        stop(i);
        definitions.save(next, types.fields(next.type()));
        Instance fresh = new Instance(next);
        instances.put(id, fresh);
        if (next.enabled()) {
            start(fresh);
        }
        return status(fresh);
    }

    public synchronized void delete(String id) {
        Instance i = require(id);
        requireApiDefined(i);
        stop(i);
        definitions.delete(id);
        instances.remove(id);
        log.info("Deleted connector {}", id);
    }

    public synchronized InstanceStatus start(String id) {
        Instance i = require(id);
        if (!i.running()) {
            start(i);
        }
        return status(i);
    }

    public synchronized InstanceStatus stop(String id) {
        Instance i = require(id);
        stop(i);
        return status(i);
    }

    public CheckResult check(InstanceDefinition def) {
        return types.check(def);
    }

    public CheckResult check(String id) {
        InstanceDefinition def;
        synchronized (this) {
            def = require(id).definition;
        }
        return check(def);
    }

    /** Runs an uploaded file through a running instance; the caller deletes the file afterwards. */
    public ImportReport upload(String id, String fileName, java.nio.file.Path file) {
        Running r = running(id);
        if (!r.task().acceptsUploads()) {
            throw new HubException(HubException.Kind.INVALID_INPUT, "Connector " + id + " does not accept uploads");
        }
        try (var mdc = r.context().mdc()) {
            return r.task().upload(fileName, file);
        }
    }

    /** A running source instance's task and context, taken under the lock and used outside it. */
    public record Running(SourceTask task, InstanceContext context) {
    }

    /** The running source instance {@code id}; a stopped one or a destination is refused with a message saying so. */
    public synchronized Running running(String id) {
        Instance i = require(id);
        if (i.destination != null) {
            throw new HubException(HubException.Kind.CONFIGURATION, "Connector " + id + " is a destination: it receives no callbacks or uploads");
        }
        if (i.source == null) {
            throw new HubException(HubException.Kind.CONFIGURATION, "Connector " + id + " is not running; start it first");
        }
        return i.source;
    }

    /** Stops every running instance of a plugin, before the plugin is disabled. */
    public synchronized void stopAllOf(String pluginId) {
        instances.values().stream().filter(i -> pluginId.equals(i.pluginId)).forEach(this::stop);
    }

    public List<ConnectorDescriptor> types() {
        return types.descriptors();
    }

    private void tryStart(Instance i) {
        try {
            start(i);
        } catch (RuntimeException e) {
            log.error("Connector {} could not start: {}", i.definition.id(), e.getMessage());
        }
    }

    private void start(Instance i) {
        InstanceDefinition def = i.definition;
        i.waitingForType = types.find(def.type()).isEmpty();
        List<ConfigProblem> problems = types.validate(def);
        if (!problems.isEmpty()) {
            i.lastError = "Invalid configuration: " + problems;
            throw new ConfigInvalidException("Connector " + def.id() + " has an invalid configuration", problems);
        }
        ConnectorTypes.Type type = types.find(def.type()).orElseThrow();
        try {
            if (type.isDestination()) {
                i.destination = starter.startDestination(def, type);
                i.metrics = i.destination.context().instanceMetrics();
            } else {
                i.source = starter.startSource(def, type);
                i.metrics = i.source.context().instanceMetrics();
            }
        } catch (HubException e) {
            i.lastError = e.getMessage();
            throw e;
        }
        i.pluginId = type.pluginId();
        i.startedAt = Instant.now();
        i.lastError = null;
        log.info("Started connector {} of type {} from plugin {}", def.id(), def.type(), type.pluginId());
    }

    private void stop(Instance i) {
        if (!i.running()) {
            return;
        }
        String error = i.source != null ? starter.stop(i.source) : starter.stop(i.destination);
        if (error != null) {
            i.lastError = error;
        }
        i.source = null;
        i.destination = null;
        i.startedAt = null;
        log.info("Stopped connector {}", i.definition.id());
    }

    private void requireApiDefined(Instance i) {
        if (!InstanceDefinition.API.equals(i.definition.origin())) {
            throw new HubException(HubException.Kind.CONFIGURATION, "Connector " + i.definition.id()
                    + " is defined in " + definitions.dir() + "; change or remove it there");
        }
    }

    private Instance require(String id) {
        Instance i = instances.get(id);
        if (i == null) {
            throw new NotFoundException("No connector with id " + id);
        }
        return i;
    }

    private InstanceStatus status(Instance i) {
        InstanceDefinition d = i.definition;
        var type = types.find(d.type());
        Map<String, Object> masked = InstanceStatus.mask(type.map(t -> t.descriptor().fields()).orElse(List.of()), d.config());
        String kind = type.map(t -> t.descriptor().kind().name()).orElse(null);
        String state = i.running() ? "RUNNING" : i.lastError != null ? "FAILED" : "STOPPED";
        return new InstanceStatus(d.id(), d.type(), kind, i.pluginId, d.origin(), d.enabled(), state, masked, i.startedAt,
                i.lastError != null ? i.lastError : i.metrics != null ? i.metrics.lastError() : null,
                i.metrics != null ? i.metrics.counters() : Map.of(), null);
    }

    @Override
    public synchronized void close() {
        instances.values().forEach(this::stop);
    }

    /** Definition plus what runs of it: a source or a destination while it runs, its counters after. */
    private static final class Instance {
        final InstanceDefinition definition;
        Running source;
        InstanceStarter.DestinationRun destination;
        InstanceMetrics metrics;
        String pluginId;
        Instant startedAt;
        String lastError;
        /** Its type was unknown when it last tried to start: a plugin loaded later starts it. */
        boolean waitingForType;

        Instance(InstanceDefinition definition) {
            this.definition = definition;
        }

        boolean running() {
            return source != null || destination != null;
        }
    }
}

package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.server.plugins.PluginHost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector instances of this hub: defines, validates, starts, stops and removes them at run
 * time, each with its own configuration, state, routes and counters.
 */
public class ConnectorRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final PluginHost plugins;
    private final DefinitionStore definitions;
    private final InstanceServices hub;
    private final Map<String, Instance> instances = new LinkedHashMap<>();

    public ConnectorRegistry(PluginHost plugins, DefinitionStore definitions, InstanceServices hub) {
        this.plugins = plugins;
        this.definitions = definitions;
        this.hub = hub;
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

    public synchronized List<InstanceStatus> list() {
        return instances.values().stream().map(this::status).toList();
    }

    public synchronized InstanceStatus get(String id) {
        return status(require(id));
    }

    /** Every problem with a definition: id, type, field values and the connector's own checks. */
    public List<ConfigProblem> validate(InstanceDefinition def) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (def.id() == null || !ID.matcher(def.id()).matches()) {
            problems.add(new ConfigProblem("id", "must be 1–63 lower-case letters, digits or dashes, starting with a letter or digit"));
        }
        Optional<PluginHost.Provided<SourceConnector>> connector = find(def.type());
        if (connector.isEmpty()) {
            problems.add(new ConfigProblem("type", "no started plugin provides connector type '" + def.type() + "'"));
            return problems;
        }
        ConnectorConfig config = new ConnectorConfig(connector.get().connector().descriptor().fields(), def.config());
        problems.addAll(config.validate());
        if (problems.isEmpty()) {
            problems.addAll(connector.get().connector().validate(config));
        }
        return problems;
    }

    public synchronized InstanceStatus create(InstanceDefinition def) {
        if (instances.containsKey(def.id())) {
            throw new HubException(HubException.Kind.INVALID_INPUT, "A connector with id " + def.id() + " exists already");
        }
        requireValid(def);
        InstanceDefinition stored = new InstanceDefinition(def.id(), def.type(), def.enabled(), def.config(), InstanceDefinition.API);
        definitions.save(stored, fields(stored.type()));
        Instance i = new Instance(stored);
        instances.put(def.id(), i);
        if (stored.enabled()) {
            start(i);
        }
        return status(i);
    }

    public synchronized InstanceStatus update(String id, InstanceDefinition def) {
        Instance i = require(id);
        requireApiDefined(i);
        InstanceDefinition next = new InstanceDefinition(id, def.type(), def.enabled(), def.config(), InstanceDefinition.API);
        requireValid(next);
        stop(i);
        definitions.save(next, fields(next.type()));
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
        if (i.task == null) {
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
        requireValid(def);
        SourceConnector c = find(def.type()).orElseThrow().connector();
        return c.check(new ConnectorConfig(c.descriptor().fields(), def.config()));
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

    /** A running instance's task and context, taken under the lock and used outside it. */
    public record Running(SourceTask task, InstanceContext context) {
    }

    /** The running instance {@code id}; a stopped one is refused with a message saying so. */
    public synchronized Running running(String id) {
        Instance i = require(id);
        if (i.task == null) {
            throw new HubException(HubException.Kind.CONFIGURATION, "Connector " + id + " is not running; start it first");
        }
        return new Running(i.task, i.context);
    }

    /** Stops every running instance of a plugin, before the plugin is disabled. */
    public synchronized void stopAllOf(String pluginId) {
        instances.values().stream().filter(i -> pluginId.equals(i.pluginId)).forEach(this::stop);
    }

    public List<ConnectorDescriptor> types() {
        return plugins.sources().stream().map(p -> p.connector().descriptor()).toList();
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
        List<ConfigProblem> problems = validate(def);
        if (!problems.isEmpty()) {
            i.lastError = "Invalid configuration: " + problems;
            throw new ConfigInvalidException("Connector " + def.id() + " has an invalid configuration", problems);
        }
        PluginHost.Provided<SourceConnector> p = find(def.type()).orElseThrow();
        ConnectorConfig config = new ConnectorConfig(p.connector().descriptor().fields(), def.config());
        InstanceContext ctx = new InstanceContext(def.id(), p.pluginId(), config, hub);
        try (var mdc = ctx.mdc()) {
            i.task = p.connector().start(ctx);
            ctx.startWork(i.task.workHandler());
        } catch (RuntimeException e) {
            ctx.removeRoutes();
            ctx.stopWork();
            if (i.task != null) {
                i.task.close();
                i.task = null;
            }
            i.lastError = e.getMessage();
            throw e instanceof HubException h ? h : new HubException(HubException.Kind.BUG,
                    "Connector " + def.id() + " failed to start: " + e.getMessage(), e);
        }
        i.context = ctx;
        i.pluginId = p.pluginId();
        i.startedAt = Instant.now();
        i.lastError = null;
        log.info("Started connector {} of type {} from plugin {}", def.id(), def.type(), p.pluginId());
    }

    private void stop(Instance i) {
        if (i.task == null) {
            return;
        }
        try (var mdc = i.context.mdc()) {
            i.context.removeRoutes();
            i.context.stopWork();
            i.task.close();
        } catch (RuntimeException e) {
            i.lastError = "Error while stopping: " + e.getMessage();
        }
        i.task = null;
        i.startedAt = null;
        log.info("Stopped connector {}", i.definition.id());
    }

    private void requireValid(InstanceDefinition def) {
        List<ConfigProblem> problems = validate(def);
        if (!problems.isEmpty()) {
            throw new ConfigInvalidException("The connector definition is invalid", problems);
        }
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

    private Optional<PluginHost.Provided<SourceConnector>> find(String type) {
        return plugins.sources().stream().filter(p -> p.connector().descriptor().type().equals(type)).findFirst();
    }

    private List<ConfigField> fields(String type) {
        return find(type).map(p -> p.connector().descriptor().fields()).orElse(List.of());
    }

    private InstanceStatus status(Instance i) {
        InstanceDefinition d = i.definition;
        Map<String, Object> masked = InstanceStatus.mask(fields(d.type()), d.config());
        String state = i.task != null ? "RUNNING" : i.lastError != null ? "FAILED" : "STOPPED";
        return new InstanceStatus(d.id(), d.type(), i.pluginId, d.origin(), d.enabled(), state, masked, i.startedAt,
                i.lastError != null ? i.lastError : i.context != null ? i.context.lastError() : null,
                i.context != null ? i.context.counters() : Map.of());
    }

    @Override
    public synchronized void close() {
        instances.values().forEach(this::stop);
    }

    /** Definition plus what runs of it. */
    private static final class Instance {
        final InstanceDefinition definition;
        SourceTask task;
        InstanceContext context;
        String pluginId;
        Instant startedAt;
        String lastError;

        Instance(InstanceDefinition definition) {
            this.definition = definition;
        }
    }
}

package io.kehu.server.plugins;

import io.kehu.api.HubApi;
import io.kehu.api.HubException;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.SourceConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads connector plugins from the plugins folder with PF4J, each in its own class loader, and
 * refuses a plugin built against an incompatible hub-api before any of its code runs.
 */
public class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Path dir;
    private final PluginManager manager;
    private final Map<Path, PluginInfo> refused = new ConcurrentHashMap<>();
    /** The modification time of each refused file when it was refused. */
    private final Map<Path, Long> refusedModified = new ConcurrentHashMap<>();

    public PluginHost(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.manager = new DefaultPluginManager(this.dir);
        manager.setSystemVersion(HubApi.VERSION);
    }

    /** Loads and starts every plugin in the folder. */
    public synchronized void start() {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw HubException.configuration("Cannot create the plugins folder " + dir);
        }
        manager.loadPlugins();
        refuseIncompatible();
        manager.startPlugins();
        log.info("Plugin host on {} (hub-api {}): {} plugins started, {} refused",
                dir, HubApi.VERSION, manager.getStartedPlugins().size(), refused.size());
    }

    /** Loads plugin files dropped into the folder since the last scan; returns the ids of new plugins. */
    public synchronized List<String> rescan() {
        Set<Path> known = new HashSet<>();
        manager.getPlugins().forEach(p -> known.add(p.getPluginPath().toAbsolutePath().normalize()));
        // A refused file is tried again once it changed: a jar that was still being copied, or was replaced
        // by a compatible build.
        refused.keySet().removeIf(f -> !Long.valueOf(modified(f)).equals(refusedModified.get(f)));
        refusedModified.keySet().retainAll(refused.keySet());
        known.addAll(refused.keySet());
        List<String> added = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".zip")).toList()) {
                Path abs = f.toAbsolutePath().normalize();
                if (known.contains(abs)) {
                    continue;
                }
                try {
                    String id = manager.loadPlugin(abs);
                    if (refuseIfIncompatible(manager.getPlugin(id))) {
                        continue;
                    }
                    manager.startPlugin(id);
                    added.add(id);
                    log.info("Loaded plugin {} from {}", id, abs.getFileName());
                } catch (RuntimeException e) {
                    refuse(abs, refusal(abs, null, "Could not load: " + e.getMessage()));
                    log.warn("Could not load plugin file {}: {}", abs.getFileName(), e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            throw HubException.configuration("Cannot list the plugins folder " + dir);
        }
        return added;
    }

    private void refuseIncompatible() {
        for (PluginWrapper p : List.copyOf(manager.getPlugins())) {
            refuseIfIncompatible(p);
        }
    }

    /** Unloads the plugin and records why when its {@code Plugin-Requires} does not admit this hub-api. */
    private boolean refuseIfIncompatible(PluginWrapper p) {
        PluginDescriptor d = p.getDescriptor();
        String requires = d.getRequires() == null ? "" : d.getRequires().trim();
        String problem = null;
        if (requires.isEmpty() || requires.equals("*")) {
            problem = "Plugin " + d.getPluginId() + " does not declare Plugin-Requires; build it against hub-api "
                    + HubApi.VERSION + " with Plugin-Requires: >=" + HubApi.VERSION;
        } else if (!manager.getVersionManager().checkVersionConstraint(HubApi.VERSION, requires)) {
            problem = "Plugin " + d.getPluginId() + " " + d.getVersion() + " was built for hub-api " + requires
                    + ", but this hub provides hub-api " + HubApi.VERSION + "; install a version of the plugin built for it";
        }
        if (problem == null) {
            return false;
        }
        Path path = p.getPluginPath().toAbsolutePath().normalize();
        refuse(path, refusal(path, d, problem));
        manager.unloadPlugin(p.getPluginId());
        log.error("Refused plugin file {}: {}", path.getFileName(), problem);
        return true;
    }

    private void refuse(Path path, PluginInfo info) {
        refused.put(path, info);
        refusedModified.put(path, modified(path));
    }

    private static long modified(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static PluginInfo refusal(Path path, PluginDescriptor d, String problem) {
        return new PluginInfo(d == null ? null : d.getPluginId(), d == null ? null : d.getVersion(),
                d == null ? null : d.getRequires(), d == null ? null : d.getProvider(),
                d == null ? null : d.getPluginDescription(), path.getFileName().toString(), "REFUSED", problem, List.of());
    }

    public synchronized List<PluginInfo> list() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginWrapper p : manager.getPlugins()) {
            PluginDescriptor d = p.getDescriptor();
            String problem = p.getFailedException() == null ? null : p.getFailedException().getMessage();
            List<String> types = p.getPluginState() == PluginState.STARTED ? connectorTypes(p.getPluginId()) : List.of();
            out.add(new PluginInfo(d.getPluginId(), d.getVersion(), d.getRequires(), d.getProvider(),
                    d.getPluginDescription(), p.getPluginPath().getFileName().toString(), p.getPluginState().name(),
                    problem, types));
        }
        out.addAll(refused.values());
        return out;
    }

    public synchronized Optional<PluginInfo> get(String id) {
        return list().stream().filter(p -> id.equals(p.id())).findFirst();
    }

    private List<String> connectorTypes(String pluginId) {
        List<String> types = new ArrayList<>();
        manager.getExtensions(SourceConnector.class, pluginId).forEach(c -> types.add(c.descriptor().type()));
        manager.getExtensions(DestinationConnector.class, pluginId).forEach(c -> types.add(c.descriptor().type()));
        return types;
    }

    /** Source connectors of started plugins, each with the id of its plugin. */
    public synchronized List<Provided<SourceConnector>> sources() {
        List<Provided<SourceConnector>> out = new ArrayList<>();
        for (PluginWrapper p : manager.getStartedPlugins()) {
            manager.getExtensions(SourceConnector.class, p.getPluginId()).forEach(c -> out.add(new Provided<>(p.getPluginId(), c)));
        }
        return out;
    }

    /** Destination connectors of started plugins, each with the id of its plugin. */
    public synchronized List<Provided<DestinationConnector>> destinations() {
        List<Provided<DestinationConnector>> out = new ArrayList<>();
        for (PluginWrapper p : manager.getStartedPlugins()) {
            manager.getExtensions(DestinationConnector.class, p.getPluginId()).forEach(c -> out.add(new Provided<>(p.getPluginId(), c)));
        }
        return out;
    }

    /** Disables a plugin (kept disabled across restarts); the caller stops its instances first. */
    public synchronized boolean disable(String id) {
        requireLoaded(id);
        manager.stopPlugin(id);
        return manager.disablePlugin(id);
    }

    public synchronized boolean enable(String id) {
        requireLoaded(id);
        boolean enabled = manager.enablePlugin(id);
        return enabled && manager.startPlugin(id) == PluginState.STARTED;
    }

    private void requireLoaded(String id) {
        if (manager.getPlugin(id) == null) {
            throw new HubException(HubException.Kind.INVALID_INPUT, "No plugin with id " + id);
        }
    }

    @Override
    public synchronized void close() {
        // PluginManager.stopPlugins() can throw ConcurrentModificationException (pf4j#656): one by one.
        for (PluginWrapper p : List.copyOf(manager.getStartedPlugins())) {
            try {
                manager.stopPlugin(p.getPluginId());
            } catch (RuntimeException e) {
                log.warn("Plugin {} did not stop cleanly: {}", p.getPluginId(), e.getMessage());
            }
        }
        for (PluginWrapper p : List.copyOf(manager.getPlugins())) {
            manager.unloadPlugin(p.getPluginId());
        }
    }

    /** A connector together with the plugin that provides it. */
    public record Provided<T>(String pluginId, T connector) {
    }
}

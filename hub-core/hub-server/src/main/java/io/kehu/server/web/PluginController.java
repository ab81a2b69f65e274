package io.kehu.server.web;

import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.plugins.PluginHost;
import io.kehu.server.plugins.PluginInfo;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plugins in {@code plugins/}: list, pick up new files, disable and enable. */
@RestController
@RequestMapping("/api/v1/plugins")
public class PluginController {

    private final PluginHost plugins;
    private final ConnectorRegistry connectors;

    public PluginController(PluginHost plugins, ConnectorRegistry connectors) {
        this.plugins = plugins;
        this.connectors = connectors;
    }

    @GetMapping
    public List<PluginInfo> list() {
        return plugins.list();
    }

    @GetMapping("/{id}")
    public PluginInfo get(@PathVariable String id) {
        return plugins.get(id).orElseThrow(() -> new NotFoundException("No plugin with id " + id));
    }

    /**
     * Loads plugin files dropped into the folder since the hub started, and starts the instances that were
     * waiting for their types; no restart needed. The folder watcher does the same by itself.
     */
    @PostMapping("/rescan")
    public ConnectorRegistry.Rescan rescan() {
        return connectors.rescanPlugins();
    }

    /** Stops the plugin's connector instances and disables it (kept across restarts). */
    @PostMapping("/{id}/disable")
    public PluginInfo disable(@PathVariable String id) {
        connectors.stopAllOf(id);
        plugins.disable(id);
        return get(id);
    }

    @PostMapping("/{id}/enable")
    public PluginInfo enable(@PathVariable String id) {
        plugins.enable(id);
        return get(id);
    }
}

package io.kehu.server.plugins;

import java.util.List;

/**
 * A plugin as the API shows it.
 *
 * @param state     PF4J's state ({@code STARTED}, {@code DISABLED} …) or {@code REFUSED}
 * @param problem   why the plugin is refused or failed, fit to show a user
 * @param connectors the connector types the plugin provides
 */
public record PluginInfo(String id, String version, String requires, String provider, String description,
                         String file, String state, String problem, List<String> connectors) {
}

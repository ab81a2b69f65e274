package io.kehu.server.connectors;

import java.time.Instant;
import java.util.Map;

/**
 * A connector instance as the API shows it: definition (secrets masked), state and counters.
 *
 * @param state    {@code RUNNING}, {@code STOPPED} or {@code FAILED}
 * @param lastError the last error, free of secrets
 * @param counters counters reported by the connector (records read, imported …)
 */
public record InstanceStatus(String id, String type, String pluginId, String origin, boolean enabled, String state,
                             Map<String, Object> config, Instant startedAt, String lastError, Map<String, Long> counters) {
}

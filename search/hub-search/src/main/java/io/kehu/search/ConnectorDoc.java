package io.kehu.search;

import java.time.Instant;
import java.util.Map;

/**
 * A connector instance defined through the REST API. Secret values in {@code config} are stored
 * encrypted by the hub, never in plain text.
 */
public record ConnectorDoc(String id, String type, boolean enabled, String origin, Map<String, Object> config, Instant updatedAt) {
}

package io.kehu.server.connectors;

import java.util.Map;

/**
 * How one connector instance is defined, in {@code config/connectors/*.yml} or through the API.
 *
 * @param id      unique id, lower-case letters, digits and dashes
 * @param type    the connector type, e.g. {@code spreadsheet}
 * @param enabled whether the hub starts it
 * @param config  field values; secrets in clear only in memory
 * @param origin  {@code file} or {@code api}
 */
public record InstanceDefinition(String id, String type, boolean enabled, Map<String, Object> config, String origin) {

    public InstanceDefinition {
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    public static final String FILE = "file";
    public static final String API = "api";
}

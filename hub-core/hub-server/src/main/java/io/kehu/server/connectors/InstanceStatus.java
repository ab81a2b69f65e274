package io.kehu.server.connectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A connector instance as the API shows it: definition (secrets masked), state and counters.
 *
 * @param kind     {@code SOURCE} or {@code DESTINATION}; null while no started plugin provides the type
 * @param state    {@code RUNNING}, {@code STOPPED} or {@code FAILED}
 * @param lastError the last error, free of secrets
 * @param counters counters reported by the connector (records read, imported …) and, for a destination,
 *                 by its deliveries (delivered, retried, failed …)
 * @param delivery for a destination, in the answer for one instance: its daily call budget, calls today and
 *                 whether delivery is held; absent in lists and for sources
 */
public record InstanceStatus(String id, String type, String kind, String pluginId, String origin, boolean enabled, String state,
                             Map<String, Object> config, Instant startedAt, String lastError, Map<String, Long> counters,
                             @JsonInclude(JsonInclude.Include.NON_NULL) DeliveryStatus delivery) {

    InstanceStatus withDelivery(DeliveryStatus d) {
        return new InstanceStatus(id, type, kind, pluginId, origin, enabled, state, config, startedAt, lastError, counters, d);
    }

    /** The config as it may be shown: secret fields masked, or, without a schema, whatever looks secret. */
    static Map<String, Object> mask(List<ConfigField> fields, Map<String, Object> config) {
        if (!fields.isEmpty()) {
            return new ConnectorConfig(fields, config).masked();
        }
        Map<String, Object> masked = new LinkedHashMap<>();
        config.forEach((k, v) -> masked.put(k, k.toLowerCase(Locale.ROOT)
                .matches(".*(secret|password|token|key|credential).*") ? "******" : v));
        return masked;
    }
}

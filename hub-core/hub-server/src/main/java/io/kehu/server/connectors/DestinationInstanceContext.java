package io.kehu.server.connectors;

import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.StateStore;
import io.kehu.search.KeyValueStore;
import java.util.Optional;

/**
 * What the hub hands one running destination instance: its configuration, plain and encrypted
 * durable state, and counters.
 */
public final class DestinationInstanceContext implements DestinationContext {

    private final String instanceId;
    private final String pluginId;
    private final ConnectorConfig config;
    private final KeyValueStore store;
    private final SecretBox secretBox;
    private final InstanceMetrics metrics;
    private final DailyBudgetSettings budget;

    DestinationInstanceContext(String instanceId, String pluginId, ConnectorConfig config, KeyValueStore store,
                               SecretBox secretBox, InstanceMetrics metrics, DailyBudgetSettings budget) {
        this.metrics = metrics;
        this.budget = budget;
        this.instanceId = instanceId;
        this.pluginId = pluginId;
        this.config = config;
        this.store = store;
        this.secretBox = secretBox;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    public String pluginId() {
        return pluginId;
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    /** The same scope a source instance's state uses: the instance id. */
    @Override
    public StateStore state() {
        return new ScopedState(instanceId, null);
    }

    /** A scope of its own, every value encrypted with the key that encrypts secret config values. */
    @Override
    public StateStore secrets() {
        return new ScopedState("secrets:" + instanceId, secretBox);
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    /** The hub's daily call budget for the instance; not part of the plugin's configuration. */
    public DailyBudgetSettings budget() {
        return budget;
    }

    public InstanceMetrics instanceMetrics() {
        return metrics;
    }

    /** Puts the instance and plugin ids into the MDC for the duration of a plugin call. */
    public InstanceContext.Mdc mdc() {
        return new InstanceContext.Mdc(instanceId, pluginId);
    }

    /** State of one scope, encrypted at rest when a box is given. */
    private final class ScopedState implements StateStore {
        private final String scope;
        private final SecretBox box;

        ScopedState(String scope, SecretBox box) {
            this.scope = scope;
            this.box = box;
        }

        @Override
        public Optional<String> get(String key) {
            return store.get(scope, key).map(v -> box == null ? v : box.decrypt(v));
        }

        @Override
        public void put(String key, String value) {
            store.put(scope, key, box == null ? value : box.encrypt(value));
        }

        @Override
        public void delete(String key) {
            store.delete(scope, key);
        }
    }
}

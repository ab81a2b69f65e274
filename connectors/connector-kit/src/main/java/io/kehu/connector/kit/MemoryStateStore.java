package io.kehu.connector.kit;

import io.kehu.api.spi.StateStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State that lives as long as the object: for a connector's {@code check}, which has a configuration
 * but no instance state, yet must fetch a token through the same {@link TokenCache} code path.
 */
public final class MemoryStateStore implements StateStore {

    private final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public void put(String key, String value) {
        values.put(key, value);
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }
}

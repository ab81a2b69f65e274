package io.kehu.api.testing;

import io.kehu.api.spi.StateStore;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StateStore} over a map the test owns, for unit-testing a connector without a hub.
 * Shipped in hub-api's test-jar, so every plugin's tests share it.
 */
public final class MapStateStore implements StateStore {

    private final Map<String, String> values;

    public MapStateStore(Map<String, String> values) {
        this.values = values;
    }

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

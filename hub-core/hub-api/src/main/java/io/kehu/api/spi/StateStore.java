package io.kehu.api.spi;

import java.util.Optional;

/** Durable key-value state of one connector instance. A put returns only once the value is stored. */
public interface StateStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void delete(String key);
}

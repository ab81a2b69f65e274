package io.kehu.api.testing;

import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.StateStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DestinationContext} for destination plugin tests: state and secrets in maps the test can
 * read and pre-fill (e.g. an expired cached token), counters and errors recorded.
 */
public final class TestDestinationContext implements DestinationContext {

    public final Map<String, String> stateMap = new ConcurrentHashMap<>();
    public final Map<String, String> secretMap = new ConcurrentHashMap<>();
    public final Map<String, Long> counters = new ConcurrentHashMap<>();
    public final List<String> errors = new ArrayList<>();

    private final String instanceId;
    private final ConnectorConfig config;

    public TestDestinationContext(String instanceId, ConnectorConfig config) {
        this.instanceId = instanceId;
        this.config = config;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public ConnectorConfig config() {
        return config;
    }

    @Override
    public StateStore state() {
        return new MapStateStore(stateMap);
    }

    @Override
    public StateStore secrets() {
        return new MapStateStore(secretMap);
    }

    @Override
    public ConnectorMetrics metrics() {
        return new RecordingMetrics(counters, errors);
    }
}

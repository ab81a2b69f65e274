package io.kehu.api.testing;

import io.kehu.api.spi.ConnectorMetrics;
import java.util.List;
import java.util.Map;

/** {@link ConnectorMetrics} that add up into a map and collect errors into a list the test owns. */
public final class RecordingMetrics implements ConnectorMetrics {

    private final Map<String, Long> counters;
    private final List<String> errors;

    public RecordingMetrics(Map<String, Long> counters, List<String> errors) {
        this.counters = counters;
        this.errors = errors;
    }

    @Override
    public void increment(String name, long n) {
        counters.merge(name, n, Long::sum);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}

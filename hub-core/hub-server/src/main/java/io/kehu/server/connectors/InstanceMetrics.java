package io.kehu.server.connectors;

import io.kehu.api.spi.ConnectorMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters and the last error of one instance, shown in its health; kept after it stops. */
public final class InstanceMetrics implements ConnectorMetrics {

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile String lastError;

    @Override
    public void increment(String name, long n) {
        if (n != 0) {
            counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
        }
    }

    @Override
    public void error(String message) {
        lastError = message;
    }

    public String lastError() {
        return lastError;
    }

    public Map<String, Long> counters() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}

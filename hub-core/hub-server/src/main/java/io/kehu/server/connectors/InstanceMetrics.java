package io.kehu.server.connectors;

import io.kehu.api.spi.ConnectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters and the last error of one instance, shown in its health; kept after it stops. Every counter is
 * mirrored as {@code kehu_connector_events_total{connector,plugin,event}} for Prometheus, which, unlike the
 * health answer, keeps counting across a change of the instance's definition.
 */
public final class InstanceMetrics implements ConnectorMetrics {

    static final String METER = "kehu.connector.events";

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, Counter> mirrors = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Tags tags;
    private volatile String lastError;

    public InstanceMetrics(String instanceId, String pluginId, MeterRegistry meters) {
        this.meters = meters;
        this.tags = Tags.of("connector", instanceId, "plugin", pluginId);
    }

    @Override
    public void increment(String name, long n) {
        if (n != 0) {
            counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
            mirrors.computeIfAbsent(name, k -> Counter.builder(METER).tags(tags).tag("event", k)
                    .description("What a connector instance did (rows read, leads delivered, callbacks refused …)")
                    .register(meters)).increment(n);
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

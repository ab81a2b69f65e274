package io.kehu.server.config;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.metrics.StoreGauges;
import io.kehu.server.work.Periodic;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics for Prometheus at {@code /actuator/prometheus} (an integrator's API key, e.g. as a bearer token):
 * connector counters and ingest timings are recorded as they happen; the store gauges are counted every
 * {@code hub.metrics.gauge-interval} (0 turns them off).
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    StoreGauges storeGauges(Documents docs, IndexNames names, ConnectorRegistry registry, MeterRegistry meters) {
        return new StoreGauges(docs, names, registry, meters);
    }

    @Bean(destroyMethod = "close")
    Periodic storeGaugeSchedule(StoreGauges gauges, @Value("${hub.metrics.gauge-interval:30s}") Duration interval) {
        return Periodic.start("store gauges", "hub.metrics.gauge-interval", interval, Duration.ofSeconds(1),
                gauges::refresh);
    }
}

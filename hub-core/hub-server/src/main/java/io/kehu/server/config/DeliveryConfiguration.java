package io.kehu.server.config;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.delivery.Deliveries;
import io.kehu.server.delivery.DeliveryDeadLetters;
import io.kehu.server.delivery.DeliveryLog;
import io.kehu.server.delivery.DeliverySettings;
import io.kehu.server.delivery.DeliveryWorkers;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.work.RetryPolicy;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Exposes the delivery outbox's parts as beans: routing enqueues, the registry runs workers, REST repairs. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    Deliveries deliveries(Documents docs, BulkWriter bulk, IndexNames names, Clock clock, HubProperties props) {
        HubProperties.Delivery d = props.getDelivery();
        return Deliveries.create(docs, bulk, names, new RetryPolicy(d.getMaxAttempts(), d.getInitialBackoff(), d.getMaxBackoff()),
                new DeliverySettings(d.getPollInterval(), d.getStopTimeout()), clock);
    }

    @Bean
    Outbox outbox(Deliveries deliveries) {
        return deliveries.outbox();
    }

    @Bean
    DeliveryLog deliveryLog(Deliveries deliveries) {
        return deliveries.log();
    }

    @Bean
    DeliveryWorkers deliveryWorkers(Deliveries deliveries) {
        return deliveries.workers();
    }

    @Bean
    DeliveryDeadLetters deliveryDeadLetters(Deliveries deliveries) {
        return deliveries.deadLetters();
    }
}

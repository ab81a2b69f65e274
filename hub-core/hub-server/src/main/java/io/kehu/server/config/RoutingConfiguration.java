package io.kehu.server.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.connectors.InstanceStatus;
import io.kehu.server.connectors.ConnectorRegistry;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.lifecycle.LifecycleSweep;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.routing.DestinationInstances;
import io.kehu.server.routing.OwnerConversionRates;
import io.kehu.server.routing.PoolOffers;
import io.kehu.server.routing.ProfileOwnerWriter;
import io.kehu.server.routing.RoutingDryRunService;
import io.kehu.server.routing.RoutingRules;
import io.kehu.server.routing.RoutingService;
import io.kehu.server.routing.RoutingStateStore;
import io.kehu.server.routing.RoutingTrigger;
import java.time.Clock;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires routing into the outbox: the run, its persisted checkpoint, and its triggers. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    RoutingStateStore routingStateStore(Documents docs, IndexNames names, ObjectMapper json, Clock clock) {
        return new RoutingStateStore(docs, names, json, clock);
    }

    /** The defined connector instances that are not sources: where routing may enqueue. */
    @Bean
    DestinationInstances destinationInstances(ConnectorRegistry registry) {
        return () -> registry.list().stream().filter(i -> !"SOURCE".equals(i.kind())).map(InstanceStatus::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Bean
    OwnerConversionRates ownerConversionRates(Documents docs, IndexNames names, LifecycleRules lifecycle,
                                              HubProperties props) {
        return new OwnerConversionRates(docs, names, lifecycle, props.getRouting().getConversionWindow(),
                props.getRouting().getConversionPriorLeads());
    }

    /** Warns at start about rules naming a destination instance that is not defined. */
    @Bean
    RoutingService routingService(ElasticsearchClient client, Documents docs, BulkWriter bulk, IndexNames names,
                                  RoutingRules rules, Outbox outbox, RoutingStateStore state, PoolOffers pool,
                                  Clock clock, HubProperties props, DestinationInstances destinations,
                                  OwnerConversionRates rates) {
        RoutingService service = new RoutingService(new PointInTimeScan(client), names, rules, outbox,
                new ProfileOwnerWriter(docs, bulk, names), state, pool, clock, props.getRouting().getPageSize(), docs,
                destinations, rates);
        service.checkDestinations();
        return service;
    }

    @Bean
    RoutingDryRunService routingDryRunService(ElasticsearchClient client, IndexNames names, RoutingRules rules,
                                              LifecycleRules lifecycle, RoutingStateStore state, Clock clock,
                                              HubProperties props, DestinationInstances destinations,
                                              OwnerConversionRates rates) {
        return new RoutingDryRunService(new PointInTimeScan(client), names, rules, lifecycle, state, clock,
                props.getRouting().getPageSize(), destinations, rates);
    }

    /**
     * Starts the schedule and has ingest batches and sweeps that wrote profiles wake routing; a destination
     * instance defined through the API wakes a run over every profile.
     */
    @Bean(destroyMethod = "close")
    RoutingTrigger routingTrigger(RoutingService service, IngestService ingest, LifecycleSweep sweep,
                                  ConnectorRegistry registry, HubProperties props) {
        RoutingTrigger trigger = new RoutingTrigger(service, props.getRouting().getInterval(),
                props.getRouting().getMinGap());
        ingest.afterWrite(trigger::wake);
        sweep.afterChange(trigger::wake);
        registry.onDestinationAdded(id -> trigger.wakeAll());
        trigger.start();
        return trigger;
    }
}

package io.kehu.server.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.lifecycle.LifecycleSweep;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.routing.PoolOffers;
import io.kehu.server.routing.ProfileOwnerWriter;
import io.kehu.server.routing.RoutingDryRunService;
import io.kehu.server.routing.RoutingRules;
import io.kehu.server.routing.RoutingService;
import io.kehu.server.routing.RoutingStateStore;
import io.kehu.server.routing.RoutingTrigger;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires routing into the outbox: the run, its persisted checkpoint, and its triggers. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    RoutingStateStore routingStateStore(Documents docs, IndexNames names, ObjectMapper json, Clock clock) {
        return new RoutingStateStore(docs, names, json, clock);
    }

    @Bean
    RoutingService routingService(ElasticsearchClient client, Documents docs, BulkWriter bulk, IndexNames names,
                                  RoutingRules rules, Outbox outbox, RoutingStateStore state, PoolOffers pool,
                                  Clock clock, HubProperties props) {
        return new RoutingService(new PointInTimeScan(client), names, rules, outbox,
                new ProfileOwnerWriter(docs, bulk, names), state, pool, clock, props.getRouting().getPageSize());
    }

    @Bean
    RoutingDryRunService routingDryRunService(ElasticsearchClient client, IndexNames names, RoutingRules rules,
                                              LifecycleRules lifecycle, RoutingStateStore state, Clock clock,
                                              HubProperties props) {
        return new RoutingDryRunService(new PointInTimeScan(client), names, rules, lifecycle, state, clock,
                props.getRouting().getPageSize());
    }

    /** Starts the schedule and has ingest batches and sweeps that wrote profiles wake routing. */
    @Bean(destroyMethod = "close")
    RoutingTrigger routingTrigger(RoutingService service, IngestService ingest, LifecycleSweep sweep,
                                  HubProperties props) {
        RoutingTrigger trigger = new RoutingTrigger(service, props.getRouting().getInterval(),
                props.getRouting().getMinGap());
        ingest.afterWrite(trigger::wake);
        sweep.afterChange(trigger::wake);
        trigger.start();
        return trigger;
    }
}

package io.kehu.server.config;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.claims.ClaimExpiry;
import io.kehu.server.claims.ClaimOffers;
import io.kehu.server.claims.ClaimPoolStore;
import io.kehu.server.work.Periodic;
import java.time.Duration;
import io.kehu.server.claims.ClaimService;
import io.kehu.server.claims.ClaimSettler;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.routing.ProfileOwnerWriter;
import io.kehu.server.routing.RoutingRules;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The persisted claim pool (抢单): offers from routing, claims through the API, and the deadline check. */
@Configuration(proxyBeanMethods = false)
public class ClaimConfiguration {

    @Bean
    ClaimPoolStore claimPoolStore(Documents docs, BulkWriter bulk, IndexNames names) {
        return new ClaimPoolStore(docs, bulk, names);
    }

    @Bean
    ClaimOffers claimOffers(ClaimPoolStore store, Clock clock) {
        return new ClaimOffers(store, clock);
    }

    @Bean
    ClaimSettler claimSettler(Documents docs, BulkWriter bulk, IndexNames names, Outbox outbox, ClaimPoolStore store,
                              RoutingRules rules, Clock clock) {
        return new ClaimSettler(docs, names, new ProfileOwnerWriter(docs, bulk, names), outbox, store, rules, clock);
    }

    @Bean
    ClaimService claimService(ClaimPoolStore store, ClaimSettler settler, RoutingRules rules, Documents docs,
                              IndexNames names, Clock clock) {
        return new ClaimService(store, settler, rules, docs, names, clock);
    }

    @Bean
    ClaimExpiry claimExpiry(ClaimPoolStore store, ClaimSettler settler, RoutingRules rules, Clock clock) {
        return new ClaimExpiry(store, settler, rules, clock);
    }

    /** Leads past their claim deadline, and claims cut short, every {@code hub.routing.claim-check-interval}. */
    @Bean(destroyMethod = "close")
    Periodic claimCheck(ClaimExpiry expiry, HubProperties props) {
        Duration interval = props.getRouting().getClaimCheckInterval();
        return Periodic.start("claim check", "hub.routing.claim-check-interval", interval, interval, expiry::run);
    }
}

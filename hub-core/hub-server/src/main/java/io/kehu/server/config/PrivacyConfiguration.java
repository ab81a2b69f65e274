package io.kehu.server.config;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.ProfileStore;
import io.kehu.search.ScanDeletes;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.privacy.ErasureService;
import io.kehu.server.privacy.ErasureSteps;
import io.kehu.server.privacy.ErasureStore;
import io.kehu.server.privacy.IdentifierHashes;
import io.kehu.server.privacy.PersonFinder;
import io.kehu.server.privacy.Suppressions;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Erasure on request (PIPL/GDPR) and the suppressions that keep erased people out ({@code hub.privacy.*}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    /**
     * Loaded before the bean is handed out: ingest (which depends on it) never runs without the set. Followed
     * across hub nodes by {@link FollowerConfiguration}.
     */
    @Bean
    Suppressions suppressions(PrivacyProperties props, Documents docs, BulkWriter bulk, IndexNames names, Clock clock) {
        Suppressions s = new Suppressions(IdentifierHashes.configure(props.getSalt(), docs, names, clock),
                new PointInTimeScan(docs.client()), bulk, names, clock);
        s.load();
        return s;
    }

    @Bean
    ErasureStore erasureStore(Documents docs, IndexNames names) {
        return new ErasureStore(docs, names);
    }

    @Bean
    ErasureSteps erasureSteps(Documents docs, BulkWriter bulk, IndexNames names) {
        return new ErasureSteps(docs, bulk, new ScanDeletes(new PointInTimeScan(docs.client()), bulk), names);
    }

    @Bean
    PersonFinder personFinder(Documents docs, IndexNames names) {
        return new PersonFinder(new PointInTimeScan(docs.client()), names);
    }

    @Bean
    ErasureService erasureService(ProfileStore profiles, PersonFinder finder, ErasureSteps steps, ErasureStore store,
                                  Suppressions suppressions, Outbox outbox, IndexNames names, Clock clock) {
        return new ErasureService(profiles, finder, steps, store, suppressions, outbox, names, clock);
    }
}

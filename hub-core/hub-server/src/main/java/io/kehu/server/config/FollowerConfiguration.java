package io.kehu.server.config;

import io.kehu.server.merges.BlockedIdentifiers;
import io.kehu.server.privacy.Suppressions;
import io.kehu.server.work.Periodic;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Re-reads the sets the ingest checks hold in memory, the run-time block list and the erasure suppressions,
 * every {@code hub.follow-interval}, so each node follows what the others stored without the check itself ever
 * waiting for Elasticsearch.
 */
@Configuration(proxyBeanMethods = false)
public class FollowerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FollowerConfiguration.class);
    private static final String SETTING = "hub.follow-interval";

    /** One thread for both: each re-read is a search or two, and a failed one keeps its set and lets the other run. */
    @Bean(destroyMethod = "close")
    Periodic followedSets(BlockedIdentifiers blocked, Suppressions suppressions, HubProperties hub,
                          PrivacyProperties privacy) {
        Duration interval = interval(hub, privacy);
        return Periodic.start("followed sets", SETTING, interval, interval, () -> {
            blocked.run();
            suppressions.run();
        });
    }

    /** A configuration that still sets the former {@code hub.privacy.follow-interval} keeps its pace. */
    @SuppressWarnings("deprecation")
    private static Duration interval(HubProperties hub, PrivacyProperties privacy) {
        if (privacy.getFollowInterval() == null) {
            return hub.getFollowInterval();
        }
        log.warn("hub.privacy.follow-interval is deprecated: rename it to {}, which paces the block list too",
                SETTING);
        return privacy.getFollowInterval();
    }
}

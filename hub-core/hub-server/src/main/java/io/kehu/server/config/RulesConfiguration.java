package io.kehu.server.config;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.routing.RoutingConfig;
import io.kehu.server.routing.RoutingConfigLoader;
import io.kehu.server.routing.RoutingRules;
import io.kehu.server.rules.LifecycleRulesKind;
import io.kehu.server.rules.RoutingRulesKind;
import io.kehu.server.rules.RulesFollower;
import io.kehu.server.rules.RulesService;
import io.kehu.server.rules.RulesStore;
import io.kehu.server.work.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lifecycle and routing rules in force: read from their files at start, changed through the API as
 * stored versions, and followed across hub nodes. A file with an invalid rule stops the start, listing
 * every problem; a stored version newer than the file's takes precedence over it.
 */
@Configuration(proxyBeanMethods = false)
public class RulesConfiguration {

    @Bean
    LifecycleRules lifecycleRules(HubProperties props, Documents docs, BulkWriter bulk, IndexNames names) {
        LifecycleConfig file = new LifecycleConfigLoader().loadValidated(props.getLifecycleFile());
        return new LifecycleRules(RulesService.startupConfig(file,
                new RulesStore(docs, bulk, names.lifecycleRules()), new LifecycleRulesKind()));
    }

    /** Stage and tier ids named in the routing rules must exist in the lifecycle rules. */
    @Bean
    RoutingRules routingRules(HubProperties props, LifecycleRules lifecycle, Documents docs, BulkWriter bulk,
                              IndexNames names) {
        RoutingConfig file = new RoutingConfigLoader().loadValidated(props.getRoutingFile(),
                lifecycle.current().config());
        return new RoutingRules(RulesService.startupConfig(file, new RulesStore(docs, bulk, names.routingRules()),
                new RoutingRulesKind(lifecycle)));
    }

    @Bean
    RulesService<LifecycleConfig> lifecycleRulesService(LifecycleRules rules, Documents docs, BulkWriter bulk,
                                                        IndexNames names, HubProperties props, Clock clock) {
        return new RulesService<>(new LifecycleRulesKind(), () -> rules.current().config(), rules::replace,
                new RulesStore(docs, bulk, names.lifecycleRules()),
                new LifecycleConfigLoader().textOf(props.getLifecycleFile()), clock);
    }

    @Bean
    RulesService<RoutingConfig> routingRulesService(RoutingRules rules, LifecycleRules lifecycle, Documents docs,
                                                    BulkWriter bulk, IndexNames names, HubProperties props,
                                                    Clock clock) {
        return new RulesService<>(new RoutingRulesKind(lifecycle), () -> rules.current().config(), rules::replace,
                new RulesStore(docs, bulk, names.routingRules()),
                new RoutingConfigLoader().textOf(props.getRoutingFile()), clock);
    }

    @Bean(destroyMethod = "close")
    Periodic rulesFollower(RulesService<LifecycleConfig> lifecycle, RulesService<RoutingConfig> routing,
                           @Value("${hub.rules.follow-interval:30s}") Duration interval) {
        return Periodic.start("rules follower", "hub.rules.follow-interval", interval, interval,
                new RulesFollower(List.of(lifecycle, routing)));
    }
}

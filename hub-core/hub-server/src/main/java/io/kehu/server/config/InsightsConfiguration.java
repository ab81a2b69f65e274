package io.kehu.server.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.alerts.AlertDispatcher;
import io.kehu.server.alerts.AlertService;
import io.kehu.server.alerts.AlertStore;
import io.kehu.server.alerts.AlertTargets;
import io.kehu.server.alerts.ConversionMonitor;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.rules.CandidateEvaluator;
import io.kehu.server.rules.DryRun;
import io.kehu.server.rules.StoredProfileEvaluator;
import io.kehu.server.lifecycle.LifecycleEvaluator;
import io.kehu.server.work.RetryPolicy;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the rules API, the funnel and alerts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
public class InsightsConfiguration {

    /** Profiles per page of a dry run: what it holds in memory at once. */
    private static final int DRY_RUN_PAGE = 500;

    @Bean
    CandidateEvaluator candidateEvaluator(LifecycleEvaluator evaluator) {
        return new StoredProfileEvaluator(evaluator);
    }

    @Bean
    DryRun dryRun(Documents docs, IndexNames names, CandidateEvaluator evaluator, Clock clock) {
        return new DryRun(docs, names, evaluator, clock, DRY_RUN_PAGE);
    }

    @Bean
    FunnelService funnelService(Documents docs, IndexNames names, LifecycleRules rules) {
        return new FunnelService(docs, names, rules);
    }

    @Bean
    AlertStore alertStore(Documents docs, BulkWriter bulk, IndexNames names) {
        return new AlertStore(docs, bulk, names);
    }

    @Bean(destroyMethod = "close")
    AlertDispatcher alertDispatcher(AlertStore store, AlertProperties props, ObjectMapper json, Clock clock) {
        AlertDispatcher dispatcher = new AlertDispatcher(store,
                AlertTargets.from(props.getTargets(), json),
                new RetryPolicy(props.getMaxAttempts(), props.getInitialBackoff(), props.getMaxBackoff()), clock);
        dispatcher.resumeStale();
        return dispatcher;
    }

    @Bean
    AlertService alertService(AlertDispatcher dispatcher, LifecycleRules rules) {
        return new AlertService(dispatcher, rules);
    }

    @Bean(destroyMethod = "close")
    ConversionMonitor conversionMonitor(FunnelService funnel, AlertDispatcher dispatcher, LifecycleRules rules,
                                        AlertProperties props, Clock clock) {
        ConversionMonitor monitor = new ConversionMonitor(funnel, dispatcher, rules, props.getConversion(), clock);
        monitor.start(props.getCheckInterval());
        return monitor;
    }
}

package io.kehu.server.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.server.lifecycle.LifecycleEvaluator;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.LifecycleSweep;
import io.kehu.server.work.Periodic;
import java.time.Duration;
import io.kehu.server.lifecycle.ManualStageService;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.lifecycle.SummaryRebuilder;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the stored lifecycle: the sweep and its schedule, rebuilds, dry-run evaluation and manual stages. */
@Configuration(proxyBeanMethods = false)
public class LifecycleConfiguration {

    @Bean
    SummaryRebuilder summaryRebuilder(ElasticsearchClient client, IndexNames names, HubProperties props) {
        return new SummaryRebuilder(new PointInTimeScan(client), names, props.getLifecycle().getSweepPageSize());
    }

    @Bean
    LifecycleEvaluator lifecycleEvaluator(Documents docs, IndexNames names, SummaryRebuilder rebuilder) {
        return new LifecycleEvaluator(docs, names, rebuilder);
    }

    @Bean
    LifecycleSweep lifecycleSweep(ElasticsearchClient client, Documents indicesReady, BulkWriter bulk, IndexNames names,
                                  LifecycleRules rules, SummaryRebuilder rebuilder, StageChangeRecorder recorder,
                                  Clock clock, HubProperties props) {
        return new LifecycleSweep(new PointInTimeScan(client), bulk, names, rules, rebuilder, recorder, clock,
                props.getLifecycle().getSweepPageSize());
    }

    /** A sweep already running (started through the API) is left alone. */
    @Bean(destroyMethod = "close")
    Periodic lifecycleSweepSchedule(LifecycleSweep sweep, HubProperties props) {
        Duration interval = props.getLifecycle().getSweepInterval();
        return Periodic.start("lifecycle sweep", "hub.lifecycle.sweep-interval", interval, interval,
                () -> sweep.runIfIdle(LifecycleSweep.Mode.SCORE));
    }

    @Bean
    ManualStageService manualStageService(Documents docs, BulkWriter bulk, IndexNames names, LifecycleRules rules,
                                          StageChangeRecorder recorder, Clock clock) {
        return new ManualStageService(docs, bulk, names, rules, recorder, clock);
    }
}

package io.kehu.server.config;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.lifecycle.SummaryRebuilder;
import io.kehu.server.merges.BlockedIdentifiers;
import io.kehu.server.merges.MergeUndoService;
import io.kehu.server.merges.NeverMergePairs;
import io.kehu.server.routing.RoutingTrigger;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires undoing merges: the never-merge pairs, the run-time block list and the undo itself. */
@Configuration(proxyBeanMethods = false)
public class MergeUndoConfiguration {

    /**
     * Loaded before the bean is handed out: resolution (which depends on it) never runs without the list.
     * Followed across hub nodes by {@link FollowerConfiguration}.
     */
    @Bean
    BlockedIdentifiers blockedIdentifiers(Documents docs, IndexNames names, Clock clock) {
        BlockedIdentifiers blocked = new BlockedIdentifiers(docs, names, clock);
        blocked.load();
        return blocked;
    }

    @Bean
    NeverMergePairs neverMergePairs(Documents docs, IndexNames names) {
        return new NeverMergePairs(docs, names);
    }

    /** An undo changes two profiles: routing re-evaluates both on its next run, woken here when routing runs. */
    @Bean
    MergeUndoService mergeUndoService(Documents docs, BulkWriter bulk, IndexNames names, NeverMergePairs pairs,
                                      BlockedIdentifiers blocked,
                                      LifecycleRules rules, SummaryRebuilder rebuilder, StageChangeRecorder recorder,
                                      Outbox outbox, Clock clock, ObjectProvider<RoutingTrigger> routing) {
        MergeUndoService service = new MergeUndoService(docs, bulk, names, pairs, blocked,
                rules, rebuilder, recorder, outbox, clock);
        service.afterChange(() -> routing.ifAvailable(RoutingTrigger::wake));
        return service;
    }
}

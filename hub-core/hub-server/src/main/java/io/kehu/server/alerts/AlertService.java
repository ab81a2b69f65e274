package io.kehu.server.alerts;

import io.kehu.search.AlertDoc;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeEvent;
import io.kehu.server.lifecycle.StageChangeListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when a profile enters the at-risk stage: one per cause (the profile and the time
 * it entered), however often the change is reported. Recording and sending happen on the
 * dispatcher's thread, never the writer's.
 */
public final class AlertService implements StageChangeListener {

    private static final Logger log = LoggerFactory.getLogger(AlertService.class);

    private final AlertDispatcher dispatcher;
    private final LifecycleRules rules;

    public AlertService(AlertDispatcher dispatcher, LifecycleRules rules) {
        this.dispatcher = dispatcher;
        this.rules = rules;
    }

    @Override
    public void onStageChanges(List<StageChangeEvent> changes) {
        try {
            LifecycleModel model = rules.current().config().lifecycle();
            String atRisk = model.transitions().atRisk();
            List<AlertDoc> alerts = changes.stream()
                    .filter(c -> atRisk.equals(c.to()) && !atRisk.equals(c.from()))
                    .map(c -> AlertTexts.atRisk(c, model))
                    .toList();
            dispatcher.raise(alerts);
        } catch (RuntimeException e) {
            // The writer must not fail because of an alert.
            log.error("Could not raise at-risk alerts for {} stage change(s)", changes.size(), e);
        }
    }
}

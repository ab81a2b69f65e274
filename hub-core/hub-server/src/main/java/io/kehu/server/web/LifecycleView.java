package io.kehu.server.web;

import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.ScoreReason;
import java.time.Instant;
import java.util.List;

/**
 * A profile's lifecycle as the API shows it: the stage with its names in both languages, the scores with
 * every reason. The signal summary behind them stays inside the hub.
 *
 * @param evaluatedOnRead true for a profile the sweep has not scored yet: computed for this answer, not stored
 */
public record LifecycleView(Stage stage, Instant since, boolean manual, int purchases, int fit, int engagement,
                            int combined, String tier, int rulesVersion, Instant scoredAt, List<ScoreReason> reasons,
                            boolean evaluatedOnRead) {

    public record Stage(String id, String nameZh, String nameEn) {
    }

    static LifecycleView of(ProfileLifecycle l, LifecycleModel model, boolean evaluatedOnRead) {
        Stage stage = stageOf(l.stage(), model);
        return new LifecycleView(stage, l.stageSince(), l.manual(), l.purchases(), l.fit(), l.engagement(),
                l.combined(), l.tier(), l.rulesVersion(), l.scoredAt(), l.reasons(), evaluatedOnRead);
    }

    static Stage stageOf(String id, LifecycleModel model) {
        return model.stage(id).map(s -> new Stage(s.id(), s.nameZh(), s.nameEn()))
                // A stage a rules change removed still shows, under its id.
                .orElse(new Stage(id, id, id));
    }
}

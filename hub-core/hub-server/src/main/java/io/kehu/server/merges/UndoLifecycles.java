package io.kehu.server.merges;

import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.LifecycleCalculator;
import io.kehu.server.lifecycle.LifecycleCalculator.Transition;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.SignalSummary;
import io.kehu.server.lifecycle.StageChange;
import io.kehu.server.lifecycle.SummaryRebuilder;
import java.time.Instant;
import java.util.List;

/**
 * The lifecycles of two profiles that were one: each rebuilt from its own timeline, from the model's first
 * stage, because the stage the merged profile held may have come from the other person. A stage a person
 * set by hand on the survivor stays. The change from the stage the merged profile showed is recorded as one
 * stage change, so the history says why the stage moved.
 */
final class UndoLifecycles {

    private final LifecycleRules rules;
    private final SummaryRebuilder rebuilder;

    UndoLifecycles(LifecycleRules rules, SummaryRebuilder rebuilder) {
        this.rules = rules;
        this.rebuilder = rebuilder;
    }

    /** A rebuilt lifecycle and the stage change that leads to it from what the merged profile showed (none if the same). */
    record Rebuilt(ProfileLifecycle lifecycle, List<Transition> changes, int rulesVersion) {
    }

    /**
     * @param kept  the profile's stored lifecycle, or null for a restored one
     * @param shown the lifecycle the merged profile showed before the undo (the survivor's), or null
     */
    Rebuilt rebuild(Profile p, ProfileLifecycle kept, ProfileLifecycle shown, String mergeId, Instant now) {
        LifecycleCalculator calc = new LifecycleCalculator(rules.current());
        SignalSummary summary = rebuilder.rebuild(List.of(p), calc.folder(), now).get(p.id());
        ProfileLifecycle start;
        if (kept != null && kept.manual()) {
            start = kept;
        } else {
            ProfileLifecycle initial = calc.initial(p.createdAt(), true);
            // The crash-replay ids a summary carries are not in the timeline: keep the survivor's.
            start = kept == null ? initial : new ProfileLifecycle(initial.stage(), initial.stageSince(), false, 0, 0, 0, 0,
                    initial.tier(), initial.rulesVersion(), null, List.of(), kept.signals());
        }
        ProfileLifecycle next = calc.rebuilt(p, start, summary, now).lifecycle();
        if (shown == null || shown.stage().equals(next.stage())) {
            return new Rebuilt(next, List.of(), calc.rulesVersion());
        }
        StageChange change = new StageChange(shown.stage(), next.stage(), now,
                "merge " + mergeId + " undone: rebuilt from its own timeline", next.manual());
        return new Rebuilt(next, List.of(new Transition(change, shown.stageSince())), calc.rulesVersion());
    }
}

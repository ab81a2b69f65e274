package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Computes a profile's next lifecycle under one version of the rules: folds new interactions into its
 * summary, merges the lifecycles of profiles folded into it, rescores and applies the stage rules until
 * the stage stays. Pure: the ingest path, the sweep, the manual-stage API and dry runs all use it and
 * write (or not) themselves. Build one per batch or page from {@link LifecycleRules#current()}.
 */
public final class LifecycleCalculator {

    /** The stage rules make one step per decision; more than a handful in a row would be a rule loop. */
    static final int MAX_STEPS = 8;

    private final LifecycleRules.Current rules;
    private final SignalFolder folder;

    public LifecycleCalculator(LifecycleRules.Current rules) {
        this.rules = rules;
        this.folder = SignalFolder.of(rules.config());
    }

    public LifecycleCalculator(LifecycleConfig config) {
        this(LifecycleRules.Current.of(config));
    }

    public SignalFolder folder() {
        return folder;
    }

    public LifecycleModel model() {
        return rules.config().lifecycle();
    }

    public int rulesVersion() {
        return rules.version();
    }

    /**
     * The lifecycle a profile without one starts from.
     *
     * @param complete true for a new profile (its whole timeline is still to come); false for a profile stored
     *                 before lifecycles were, whose summary the sweep must rebuild from its timeline
     */
    public ProfileLifecycle initial(Instant since, boolean complete) {
        StageState state = rules.stages().initial(since);
        return new ProfileLifecycle(state.stage(), state.since(), false, 0, 0, 0, 0, rules.scorer().tier(0),
                rules.version(), null, List.of(), folder.empty(complete));
    }

    /**
     * The ingest path: {@code current} absorbs the lifecycles of the profiles merged into it and the new
     * interactions (those already folded in, by id, are skipped), then is evaluated at {@code now}.
     * Of merged profiles the surviving stage is the one a person set (the newest such), else the one with the
     * highest {@code order} in the model, the longer-held one on a tie.
     */
    public Evaluation ingest(Profile profile, ProfileLifecycle current, Collection<ProfileLifecycle> absorbed,
                             Collection<InteractionDoc> added, Instant now) {
        SignalFolder.Acc acc = folder.open(current.signals());
        ProfileLifecycle standing = current;
        int purchases = current.purchases();
        for (ProfileLifecycle other : absorbed) {
            acc.merge(other.signals());
            standing = further(standing, other);
            purchases = Math.max(purchases, other.purchases());
        }
        int folded = 0;
        for (InteractionDoc doc : added) {
            folded += acc.foldNew(doc, now) ? 1 : 0;
        }
        StageState state = new StageState(standing.stage(), standing.stageSince(), standing.manual(), purchases);
        return evaluate(profile, state, acc.close(), now, folded);
    }

    /** The sweep and dry runs: the stored lifecycle evaluated at {@code now}, nothing folded in. */
    public Evaluation evaluate(Profile profile, ProfileLifecycle current, Instant now) {
        return evaluate(profile, current.state(), current.signals(), now, 0);
    }

    /** Like {@link #evaluate(Profile, ProfileLifecycle, Instant)} with a summary rebuilt from the timeline. */
    public Evaluation rebuilt(Profile profile, ProfileLifecycle current, SignalSummary rebuilt, Instant now) {
        // Crash-replay ids are not in the timeline yet by definition: keep them.
        SignalSummary s = new SignalSummary(rebuilt.basis(), rebuilt.ref(), rebuilt.engagement(),
                rebuilt.interactions(), rebuilt.touches(), rebuilt.purchases(), rebuilt.lastActivity(),
                rebuilt.lastReply(), rebuilt.lastQuote(), rebuilt.lastContract(), rebuilt.lastPurchase(),
                rebuilt.lastPositive(), rebuilt.lastNegative(), current.signals().recentIds());
        return evaluate(profile, current.state(), s, now, 0);
    }

    /** A stage set by a person; kept until {@link #release}. */
    public Evaluation setManually(Profile profile, ProfileLifecycle current, String stageId, String reason,
                                  Instant now) {
        StageDecision d = rules.stages().setManually(current.state(), stageId, reason, now);
        Score score = rules.scorer().score(profile, current.signals(), now);
        return new Evaluation(ProfileLifecycle.of(d.state(), score, now, current.signals()),
                List.of(new Transition(d.change(), current.stageSince())), 0);
    }

    /** Hands a manually set stage back to the rules, which decide at once. */
    public Evaluation release(Profile profile, ProfileLifecycle current, Instant now) {
        return evaluate(profile, current.state().clearManual(), current.signals(), now, 0);
    }

    private Evaluation evaluate(Profile profile, StageState start, SignalSummary signals, Instant now, int folded) {
        List<Transition> changes = new ArrayList<>();
        StageState state = start;
        for (int step = 0; step < MAX_STEPS; step++) {
            StageDecision d = rules.stages().decide(state, profile, signals, now);
            if (!d.changed()) {
                state = d.state();
                break;
            }
            changes.add(new Transition(d.change(), state.since()));
            state = d.state();
        }
        Score score = rules.scorer().score(profile, signals, now);
        return new Evaluation(ProfileLifecycle.of(state, score, now, signals), List.copyOf(changes), folded);
    }

    private ProfileLifecycle further(ProfileLifecycle a, ProfileLifecycle b) {
        if (a.manual() != b.manual()) {
            return a.manual() ? a : b;
        }
        if (a.manual()) {
            return b.stageSince().isAfter(a.stageSince()) ? b : a;
        }
        Comparator<ProfileLifecycle> byOrder = Comparator.comparingInt(l -> order(l.stage()));
        int c = byOrder.compare(a, b);
        if (c != 0) {
            return c > 0 ? a : b;
        }
        return b.stageSince().isBefore(a.stageSince()) ? b : a;
    }

    private int order(String stageId) {
        return model().stage(stageId).map(LifecycleModel.Stage::order).orElse(0);
    }

    /**
     * The outcome of one evaluation.
     *
     * @param changes the stage changes, oldest first (usually none or one)
     * @param folded  how many new interactions were folded in
     */
    public record Evaluation(ProfileLifecycle lifecycle, List<Transition> changes, int folded) {

        /** Whether the profile must be written: something folded in, the stage moved, or a shown score changed. */
        public boolean differsFrom(ProfileLifecycle stored) {
            return folded > 0 || !changes.isEmpty() || !lifecycle.sameStanding(stored);
        }
    }

    /** A stage change and since when the profile had held the stage it left. */
    public record Transition(StageChange change, Instant fromSince) {
    }
}

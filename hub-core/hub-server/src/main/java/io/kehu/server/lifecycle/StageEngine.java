package io.kehu.server.lifecycle;

import io.kehu.api.HubException;
import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.LifecycleModel.Thresholds;
import io.kehu.server.lifecycle.LifecycleModel.Transitions;
import io.kehu.server.lifecycle.SignalSummary.Signal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Applies the default transition rules of a {@link LifecycleModel} to a profile's {@link SignalSummary}
 * (a timeline is summarised first). One call makes at most one step; funnel stages only move forward. A manually set stage is kept until {@link StageState#clearManual()}.
 */
public final class StageEngine {

    private final LifecycleModel model;
    private final Transitions to;
    private final Thresholds limits;
    private final SignalFolder timelineFolder;

    public StageEngine(LifecycleModel model) {
        this.model = model;
        this.to = model.transitions();
        this.limits = model.thresholds();
        // Stage rules read no decayed sums, so the half-life does not matter here.
        this.timelineFolder = new SignalFolder(model.signals(), 1);
    }

    public StageState initial(Instant at) {
        return new StageState(to.initial(), at, false, 0);
    }

    /** A stage set by a person through the API: kept and recorded as manual. */
    public StageDecision setManually(StageState current, String stageId, String reason, Instant now) {
        if (model.stage(stageId).isEmpty()) {
            throw HubException.invalidInput("Unknown lifecycle stage '" + stageId + "'");
        }
        String why = "set manually" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        StageState next = new StageState(stageId, now, true, current.purchases());
        return new StageDecision(next, new StageChange(current.stage(), stageId, now, why, true), why);
    }

    /** Interactions after {@code now} or without a time are ignored. */
    public StageDecision decide(StageState current, Profile profile, List<InteractionDoc> interactions, Instant now) {
        return decide(current, profile, timelineFolder.fromTimeline(interactions, now), now);
    }

    /** Decides from a stored summary; the same result as deciding from the timeline it summarises. */
    public StageDecision decide(StageState current, Profile profile, SignalSummary s, Instant now) {
        int purchases = Math.max(current.purchases(), s.purchases());
        StageState state = new StageState(current.stage(), current.since(), current.manual(), purchases);
        if (current.manual()) {
            return stay(state, "manual stage kept");
        }
        Instant since = current.since();
        String stage = current.stage();

        if (stage.equals(to.churned())) {
            return after(s.lastPositive(), since)
                    .map(p -> move(state, to.wonBack(), now, "positive interaction after churn: " + p.describe()))
                    .orElseGet(() -> stay(state, "churned, no positive interaction since"));
        }
        if (stage.equals(to.atRisk())) {
            Optional<Signal> positive = after(s.lastPositive(), since);
            if (positive.isPresent()) {
                return move(state, funnelTarget(s, purchases), now,
                        "positive interaction while at risk: " + positive.get().describe());
            }
            long days = Duration.between(since, now).toDays();
            if (days >= limits.churnedAfterDaysAtRisk()) {
                return move(state, to.churned(), now, "at risk for " + days + " days");
            }
            return stay(state, "at risk for " + days + " days");
        }

        Optional<Signal> negative = lastNegativeNotAnswered(s, since);
        if (negative.isPresent()) {
            return move(state, to.atRisk(), now, "negative signal: " + negative.get().describe());
        }
        String target = stage.equals(to.wonBack())
                ? commercialTarget(s, purchases, since)
                : funnelTarget(s, purchases);
        if (target != null && (stage.equals(to.wonBack()) || order(target) > order(stage))) {
            return move(state, target, now, funnelReason(target, s, purchases));
        }
        Instant lastActivity = s.lastActivity() == null ? since : max(s.lastActivity(), since);
        long idle = Duration.between(lastActivity, now).toDays();
        if (idle >= limits.atRiskAfterDays()) {
            return move(state, to.atRisk(), now, "no interaction for " + idle + " days");
        }
        return stay(state, "no rule fired");
    }

    /** The furthest funnel stage the whole timeline supports. */
    private String funnelTarget(SignalSummary s, int purchases) {
        String commercial = commercialTarget(s, purchases, null);
        if (commercial != null) {
            return commercial;
        }
        if (s.lastReply() != null || s.touches() >= limits.engagedAfterTouches()) {
            return to.engaged();
        }
        return to.initial();
    }

    /**
     * Stages only a quote, contract or purchase reaches, counting signals after {@code since} (all when null);
     * after a win-back only these move on.
     */
    private String commercialTarget(SignalSummary s, int purchases, Instant since) {
        boolean purchased = isAfter(s.lastPurchase(), since);
        if (purchased && purchases >= limits.loyalAfterPurchases()) {
            return to.loyal();
        }
        if (purchased || isAfter(s.lastContract(), since)) {
            return to.customer();
        }
        if (isAfter(s.lastQuote(), since)) {
            return to.opportunity();
        }
        return null;
    }

    private String funnelReason(String target, SignalSummary s, int purchases) {
        if (target.equals(to.loyal())) {
            return purchases + " purchases (loyal after " + limits.loyalAfterPurchases() + ")";
        }
        if (target.equals(to.customer())) {
            return s.lastPurchase() != null ? "purchase" : "contract";
        }
        if (target.equals(to.opportunity())) {
            return "quote";
        }
        return s.lastReply() != null ? "reply"
                : s.touches() + " touches (engaged after " + limits.engagedAfterTouches() + ")";
    }

    /**
     * The newest negative signal since the stage began, unless a positive one came after it. At the same
     * instant the negative one stands: a complaint is not answered by a reply sent in the same second.
     */
    private static Optional<Signal> lastNegativeNotAnswered(SignalSummary s, Instant since) {
        Optional<Signal> negative = after(s.lastNegative(), since);
        if (negative.isPresent() && s.lastPositive() != null && s.lastPositive().at().isAfter(negative.get().at())) {
            return Optional.empty();
        }
        return negative;
    }

    private static Optional<Signal> after(Signal signal, Instant since) {
        return signal != null && signal.at().isAfter(since) ? Optional.of(signal) : Optional.empty();
    }

    private static boolean isAfter(Instant at, Instant since) {
        return at != null && (since == null || at.isAfter(since));
    }

    private int order(String stageId) {
        return model.stage(stageId).map(LifecycleModel.Stage::order).orElse(0);
    }

    private static StageDecision move(StageState state, String target, Instant now, String reason) {
        if (target.equals(state.stage())) {
            return stay(state, reason);
        }
        StageState next = new StageState(target, now, false, state.purchases());
        return new StageDecision(next, new StageChange(state.stage(), target, now, reason, false), reason);
    }

    private static StageDecision stay(StageState state, String reason) {
        return new StageDecision(state, null, reason);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

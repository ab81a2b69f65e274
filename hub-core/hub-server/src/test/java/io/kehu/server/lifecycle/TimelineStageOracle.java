package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.LifecycleModel.Thresholds;
import io.kehu.server.lifecycle.LifecycleModel.Transitions;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The list-based stage rules as they were before summaries: a test oracle the summary-based
 * {@link StageEngine} must agree with.
 */
final class TimelineStageOracle {

    private final LifecycleModel model;
    private final Transitions to;
    private final Thresholds limits;
    private final SignalClassifier signals;

    TimelineStageOracle(LifecycleModel model) {
        this.model = model;
        this.to = model.transitions();
        this.limits = model.thresholds();
        this.signals = new SignalClassifier(model.signals());
    }

    /** Interactions after {@code now} or without a time are ignored. */
    public StageDecision decide(StageState current, Profile profile, List<InteractionDoc> interactions, Instant now) {
        List<InteractionDoc> past = interactions.stream()
                .filter(i -> i.occurredAt() != null && !i.occurredAt().isAfter(now))
                .sorted(Comparator.comparing(InteractionDoc::occurredAt))
                .toList();
        int purchases = Math.max(current.purchases(), (int) past.stream().filter(signals::purchase).count());
        StageState state = new StageState(current.stage(), current.since(), current.manual(), purchases);
        if (current.manual()) {
            return stay(state, "manual stage kept");
        }
        List<InteractionDoc> sinceStage = past.stream().filter(i -> i.occurredAt().isAfter(current.since())).toList();
        String stage = current.stage();

        if (stage.equals(to.churned())) {
            return lastPositive(sinceStage)
                    .map(i -> move(state, to.wonBack(), now, "positive interaction after churn: " + describe(i)))
                    .orElseGet(() -> stay(state, "churned, no positive interaction since"));
        }
        if (stage.equals(to.atRisk())) {
            Optional<InteractionDoc> positive = lastPositive(sinceStage);
            if (positive.isPresent()) {
                return move(state, funnelTarget(past, purchases), now,
                        "positive interaction while at risk: " + describe(positive.get()));
            }
            long days = Duration.between(current.since(), now).toDays();
            if (days >= limits.churnedAfterDaysAtRisk()) {
                return move(state, to.churned(), now, "at risk for " + days + " days");
            }
            return stay(state, "at risk for " + days + " days");
        }

        Optional<InteractionDoc> negative = lastNegativeNotAnswered(sinceStage);
        if (negative.isPresent()) {
            return move(state, to.atRisk(), now, "negative signal: " + describe(negative.get()));
        }
        String target = stage.equals(to.wonBack())
                ? commercialTarget(sinceStage, purchases)
                : funnelTarget(past, purchases);
        if (target != null && (stage.equals(to.wonBack()) || order(target) > order(stage))) {
            return move(state, target, now, funnelReason(target, past, purchases));
        }
        Instant lastActivity = past.isEmpty() ? current.since()
                : max(past.get(past.size() - 1).occurredAt(), current.since());
        long idle = Duration.between(lastActivity, now).toDays();
        if (idle >= limits.atRiskAfterDays()) {
            return move(state, to.atRisk(), now, "no interaction for " + idle + " days");
        }
        return stay(state, "no rule fired");
    }

    /** The furthest funnel stage the whole timeline supports. */
    private String funnelTarget(List<InteractionDoc> past, int purchases) {
        String commercial = commercialTarget(past, purchases);
        if (commercial != null) {
            return commercial;
        }
        if (past.stream().anyMatch(signals::reply) || touches(past) >= limits.engagedAfterTouches()) {
            return to.engaged();
        }
        return to.initial();
    }

    /** Stages only a quote, contract or purchase reaches; after a win-back only these move on. */
    private String commercialTarget(List<InteractionDoc> docs, int purchases) {
        boolean purchased = docs.stream().anyMatch(signals::purchase);
        if (purchased && purchases >= limits.loyalAfterPurchases()) {
            return to.loyal();
        }
        if (purchased || docs.stream().anyMatch(signals::contract)) {
            return to.customer();
        }
        if (docs.stream().anyMatch(signals::quote)) {
            return to.opportunity();
        }
        return null;
    }

    private String funnelReason(String target, List<InteractionDoc> past, int purchases) {
        if (target.equals(to.loyal())) {
            return purchases + " purchases (loyal after " + limits.loyalAfterPurchases() + ")";
        }
        if (target.equals(to.customer())) {
            return past.stream().anyMatch(signals::purchase) ? "purchase" : "contract";
        }
        if (target.equals(to.opportunity())) {
            return "quote";
        }
        return past.stream().anyMatch(signals::reply) ? "reply"
                : touches(past) + " touches (engaged after " + limits.engagedAfterTouches() + ")";
    }

    private long touches(List<InteractionDoc> past) {
        return past.stream().filter(i -> !signals.ignored(i)).count();
    }

    private Optional<InteractionDoc> lastPositive(List<InteractionDoc> docs) {
        return docs.stream().filter(signals::positive).reduce((a, b) -> b);
    }

    /** The newest negative interaction, unless a positive one came after it. */
    private Optional<InteractionDoc> lastNegativeNotAnswered(List<InteractionDoc> docs) {
        for (int i = docs.size() - 1; i >= 0; i--) {
            if (signals.negative(docs.get(i))) {
                return Optional.of(docs.get(i));
            }
            if (signals.positive(docs.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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

    private static String describe(InteractionDoc i) {
        return i.type() + "@" + i.channel() + " at " + i.occurredAt();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

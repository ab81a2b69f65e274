package io.kehu.server.routing;

import io.kehu.server.routing.AssignmentSpec.Strategy;
import io.kehu.server.routing.AssignmentStrategy.Pick;
import io.kehu.server.routing.OwnerDecision.Kind;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a routed profile's owner: an active owner already on the profile is kept; otherwise the rule's
 * strategy picks, then the rule's fallback, then the default assignee, so a routed profile always ends up
 * with an owner (a pooled one once the pool settles it).
 */
final class OwnerAssigner {

    private final RoutingConfig config;
    private final Map<Strategy, AssignmentStrategy> strategies = new EnumMap<>(Map.of(
            Strategy.ROUND_ROBIN, new RoundRobinStrategy(),
            Strategy.WEIGHTED, new WeightedStrategy(),
            Strategy.TERRITORY, new TerritoryStrategy(),
            Strategy.CLAIM_POOL, new ClaimPoolStrategy()));

    OwnerAssigner(RoutingConfig config) {
        this.config = config;
    }

    Pick assign(RoutingRule rule, RoutableProfile profile, AssignmentState state, Map<String, Double> rates,
                Instant now) {
        String previous = "";
        if (profile.owner() != null && !profile.owner().isBlank()) {
            Optional<Owner> current = config.owner(profile.owner());
            if (current.isPresent() && current.get().isActive()) {
                return Pick.chosen(OwnerDecision.of(Kind.KEPT, current.get().id(), null, "owner kept"), state);
            }
            previous = current.isPresent() ? "the recorded owner is inactive; "
                    : "the recorded owner is not a configured owner; ";
        }
        AssignmentSpec spec = rule.assignment();
        Strategy strategy = spec.strategyKind().orElseThrow(
                () -> new IllegalStateException("rule " + rule.id() + " has an unknown strategy"));
        Pick pick = strategies.get(strategy).assign(new AssignmentStrategy.Request(rule, profile, candidates(spec),
                state, rates == null ? Map.of() : rates, now));
        if (pick.decision() != null) {
            OwnerDecision d = pick.decision();
            return Pick.chosen(new OwnerDecision(d.kind(), d.ownerId(), d.strategy(), previous + d.reason(),
                    d.eligible(), d.deadline()), pick.state());
        }
        return Pick.chosen(fallback(rule, previous + pick.why()), pick.state());
    }

    /** The rule's fallback owner if active, else the default assignee. */
    OwnerDecision fallback(RoutingRule rule, String why) {
        String strategy = rule == null ? null : rule.assignment().strategy();
        Optional<Owner> fallback = rule == null ? Optional.empty() : config.owner(rule.assignment().fallback());
        if (fallback.isPresent() && fallback.get().isActive()) {
            return OwnerDecision.of(Kind.FALLBACK, fallback.get().id(), strategy, why + "; rule fallback");
        }
        return OwnerDecision.of(Kind.DEFAULT, config.defaultAssignee(), strategy, why + "; default assignee");
    }

    /** The rule's owners in the order listed, or every configured owner. */
    private List<Owner> candidates(AssignmentSpec spec) {
        if (spec.params().owners() == null) {
            return config.owners();
        }
        return spec.params().owners().stream().map(config::owner).flatMap(Optional::stream).toList();
    }
}

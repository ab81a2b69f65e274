package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;

import java.time.Duration;
import java.util.List;

/**
 * Offers the lead to a pool of eligible salespeople (抢单): the active candidates, narrowed by territory when
 * the rule gives {@code match}. The owner is settled later by {@link ClaimPool#claim} or, at the deadline,
 * by {@link ClaimPool#expire}.
 */
final class ClaimPoolStrategy implements AssignmentStrategy {

    @Override
    public Pick assign(Request r) {
        List<Owner> eligible = r.params().match() == null
                ? r.candidates().stream().filter(Owner::isActive).toList()
                : Territories.match(r.candidates(), r.profile(), r.params().match())
                        .map(Territories.Match::owners).orElse(List.of());
        if (eligible.isEmpty()) {
            return Pick.none("nobody is eligible to claim the lead", r.state());
        }
        Duration timeout = r.params().timeoutDuration().orElseThrow(
                () -> new IllegalStateException("claimPool rule " + r.rule().id() + " has no valid timeout"));
        return Pick.chosen(new OwnerDecision(Kind.POOL, null, r.strategy(), "offered to the claim pool",
                eligible.stream().map(Owner::id).toList(), r.now().plus(timeout)), r.state());
    }
}

package io.kehu.server.routing;

import java.util.List;

/**
 * Where a routing run hands the leads a {@code claimPool} rule offered (抢单). Nothing is delivered for them
 * while they wait: their destinations get them, with the owner, once a salesperson claims them or the
 * deadline gives them to the fallback or default assignee.
 */
public interface PoolOffers {

    /** A routed lead whose owner decision is {@link OwnerDecision.Kind#POOL}. */
    record Offer(String profileId, RoutingResult result) {

        /** The rule that decided the owner: the first matching one, whose decisions come first. */
        public String ruleId() {
            return result.decisions().get(0).ruleId();
        }
    }

    /** Puts the leads in the pool; a lead already waiting keeps its deadline. */
    void offer(List<Offer> offers, RoutingRules.Current rules);
}

package io.kehu.server.routing;

import java.time.Instant;
import java.util.List;

/**
 * Who owns a routed profile and why.
 *
 * @param ownerId  the owner to record on the profile; null only for {@link Kind#POOL}, where the owner is
 *                 settled by a claim or, at the deadline, by {@link ClaimPool#expire}
 * @param strategy the rule's strategy key, or null when the owner was kept
 * @param reason   why, fit to show an integrator (no personal data)
 * @param eligible for {@link Kind#POOL}: who may claim the lead
 * @param deadline for {@link Kind#POOL}: when an unclaimed lead times out
 */
public record OwnerDecision(Kind kind, String ownerId, String strategy, String reason, List<String> eligible,
                            Instant deadline) {

    public OwnerDecision {
        eligible = eligible == null ? List.of() : List.copyOf(eligible);
    }

    public enum Kind {
        /** The profile already had an active owner: re-routing updates, it does not re-assign. */
        KEPT,
        /** The rule's strategy picked the owner. */
        ASSIGNED,
        /** Offered to the claim pool; no owner until claimed or timed out. */
        POOL,
        /** A salesperson claimed the lead from the pool. */
        CLAIMED,
        /** The strategy found nobody (or the pool timed out): the rule's fallback owner. */
        FALLBACK,
        /** Nobody else was available: the rule set's default assignee. */
        DEFAULT
    }

    static OwnerDecision of(Kind kind, String ownerId, String strategy, String reason) {
        return new OwnerDecision(kind, ownerId, strategy, reason, List.of(), null);
    }

    /** True when the profile has an owner now; false while it waits in the claim pool. */
    public boolean settled() {
        return ownerId != null;
    }
}

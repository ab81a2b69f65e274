package io.kehu.server.routing;

import java.time.Instant;
import java.util.List;

/**
 * A lead offered to the claim pool.
 *
 * @param eligible  owner ids that may claim it
 * @param requeues  how often it already went back to the pool unclaimed
 * @param claimedBy the owner who claimed it, null while open
 */
public record PoolEntry(String profileId, String ruleId, List<String> eligible, Instant offeredAt, Instant deadline,
                        int requeues, String claimedBy, Instant claimedAt) {

    public PoolEntry {
        eligible = eligible == null ? List.of() : List.copyOf(eligible);
    }

    public boolean open() {
        return claimedBy == null;
    }

    /** Past its deadline: a claim comes too late, and {@link ClaimPool#expire} settles it. */
    public boolean due(Instant now) {
        return !now.isBefore(deadline);
    }

    PoolEntry claimed(String ownerId, Instant at) {
        return new PoolEntry(profileId, ruleId, eligible, offeredAt, deadline, requeues, ownerId, at);
    }

    PoolEntry requeued(List<String> stillEligible, Instant now, Instant newDeadline) {
        return new PoolEntry(profileId, ruleId, stillEligible, now, newDeadline, requeues + 1, null, null);
    }
}

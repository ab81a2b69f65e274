package io.kehu.search;

import java.time.Instant;
import java.util.List;

/**
 * A lead in the claim pool (抢单), stored under its profile id. It is written only with create or
 * {@code if_seq_no}, so of two claims (or a claim and the deadline) exactly one changes it.
 *
 * @param ruleId       the rule whose claimPool strategy offered the lead: its timeout, requeues and fallback apply
 * @param eligible     owner ids that may claim it
 * @param destinations where the lead goes once it has an owner: held back while it waits
 * @param status       {@link #OPEN}, {@link #CLAIMED} or {@link #TIMED_OUT}
 * @param requeues     how often it already went back to the pool unclaimed
 * @param owner        who got it: the claimer, or the fallback or default assignee; null while open
 * @param ownerKind    {@code CLAIMED}, {@code FALLBACK} or {@code DEFAULT}
 * @param settledAt    when the owner was decided
 * @param enqueuedAt   when the owner was written on the profile and the lead queued for delivery; null until then
 */
public record PoolDoc(String profileId, String ruleId, int rulesVersion, List<String> eligible,
                      List<Destination> destinations, String status, Instant offeredAt, Instant deadline,
                      int requeues, String owner, String ownerKind, Instant settledAt, Instant enqueuedAt,
                      Instant updatedAt) {

    public static final String OPEN = "OPEN";
    public static final String CLAIMED = "CLAIMED";
    public static final String TIMED_OUT = "TIMED_OUT";

    /** One destination of a routing rule the lead matched. */
    public record Destination(String ruleId, String instance) {
    }

    public PoolDoc {
        eligible = eligible == null ? List.of() : List.copyOf(eligible);
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    public boolean open() {
        return OPEN.equals(status);
    }

    /** The owner is decided but not yet on the profile and in the outbox. */
    public boolean awaitingDelivery() {
        return !open() && enqueuedAt == null;
    }

    /** Claimed, or fallen to the fallback or default assignee, at {@code now}. */
    public PoolDoc settled(String status, String owner, String ownerKind, Instant now) {
        return new PoolDoc(profileId, ruleId, rulesVersion, eligible, destinations, status, offeredAt, deadline,
                requeues, owner, ownerKind, now, null, now);
    }

    /** Back in the pool unclaimed, with who may still claim it and a new deadline. */
    public PoolDoc requeued(List<String> stillEligible, Instant newDeadline, Instant now) {
        return new PoolDoc(profileId, ruleId, rulesVersion, stillEligible, destinations, OPEN, now, newDeadline,
                requeues + 1, null, null, null, null, now);
    }

    public PoolDoc enqueued(Instant now) {
        return new PoolDoc(profileId, ruleId, rulesVersion, eligible, destinations, status, offeredAt, deadline,
                requeues, owner, ownerKind, settledAt, now, now);
    }
}

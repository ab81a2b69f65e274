package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The claim pool (抢单): leads a {@code claimPool} rule offered wait here until an eligible salesperson
 * claims one, first come first served. At the deadline an unclaimed lead goes back to the pool (up to the
 * rule's {@code requeues}) or to the rule's fallback, else the default assignee. Pure: state in, state out.
 */
public final class ClaimPool {

    private static final Logger log = LoggerFactory.getLogger(ClaimPool.class);

    public enum Outcome { CLAIMED, ALREADY_CLAIMED, NOT_ELIGIBLE, NOT_IN_POOL, EXPIRED }

    /** @param decision the new owner when {@code CLAIMED}, else null */
    public record ClaimResult(Outcome outcome, PoolState state, OwnerDecision decision, String message) {
    }

    /** @param decision {@link Kind#POOL} with a new deadline when requeued, else the owner it fell to */
    public record Expired(String profileId, String ruleId, OwnerDecision decision) {
    }

    public record ExpiryResult(PoolState state, List<Expired> expired) {
    }

    private final RoutingConfig config;
    private final OwnerAssigner assigner;

    public ClaimPool(RoutingConfig config) {
        this.config = config;
        this.assigner = new OwnerAssigner(config);
    }

    /**
     * Puts a lead the engine offered to the pool. Offering a lead that is already open keeps its deadline,
     * so re-routing a changed profile does not extend the wait.
     */
    public PoolState offer(PoolState state, String profileId, String ruleId, OwnerDecision decision, Instant now) {
        if (decision.kind() != Kind.POOL) {
            throw new IllegalArgumentException("Only a pool decision can be offered, not " + decision.kind());
        }
        PoolEntry existing = state.entry(profileId);
        if (existing != null && existing.open()) {
            return state;
        }
        return state.with(new PoolEntry(profileId, ruleId, decision.eligible(), now, decision.deadline(), 0, null,
                null));
    }

    /** {@code ownerId} claims the lead; the same owner claiming again is told it is theirs. */
    public ClaimResult claim(PoolState state, String profileId, String ownerId, Instant now) {
        PoolEntry entry = state.entry(profileId);
        if (entry == null) {
            return refused(Outcome.NOT_IN_POOL, state, "the lead is not in the claim pool");
        }
        Optional<Owner> owner = config.owner(ownerId);
        if (!entry.open()) {
            return owner.isPresent() && owner.get().id().equals(entry.claimedBy())
                    ? new ClaimResult(Outcome.CLAIMED, state, claimedBy(entry.claimedBy()), "already yours")
                    : refused(Outcome.ALREADY_CLAIMED, state, "the lead was already claimed");
        }
        if (entry.due(now)) {
            return refused(Outcome.EXPIRED, state, "the claim deadline has passed");
        }
        if (owner.isEmpty() || !owner.get().isActive() || !entry.eligible().contains(owner.get().id())) {
            return refused(Outcome.NOT_ELIGIBLE, state, "this owner may not claim the lead");
        }
        // DEBUG: a persisted pool logs the claim once its write won; two racing claims both get this far.
        log.debug("Lead {} claimed from the pool of rule {} by {}", profileId, entry.ruleId(), owner.get().id());
        return new ClaimResult(Outcome.CLAIMED, state.with(entry.claimed(owner.get().id(), now)),
                claimedBy(owner.get().id()), "claimed");
    }

    /**
     * Settles every lead whose deadline has passed: back to the pool while requeues remain and someone is
     * still eligible, else to the fallback. Claimed leads past their deadline are dropped from the state.
     */
    public ExpiryResult expire(PoolState state, Instant now) {
        PoolState next = state;
        List<Expired> expired = new ArrayList<>();
        for (PoolEntry entry : state.entries().values()) {
            if (!entry.due(now)) {
                continue;
            }
            if (!entry.open()) {
                next = next.without(entry.profileId());
                continue;
            }
            RoutingRule rule = config.rule(entry.ruleId()).orElse(null);
            List<String> stillEligible = entry.eligible().stream()
                    .filter(id -> config.owner(id).map(Owner::isActive).orElse(false)).toList();
            Optional<Duration> timeout = rule == null ? Optional.empty()
                    : rule.assignment().params().timeoutDuration();
            if (rule != null && timeout.isPresent() && !stillEligible.isEmpty()
                    && entry.requeues() < rule.assignment().params().requeuesOrDefault()) {
                PoolEntry again = entry.requeued(stillEligible, now, now.plus(timeout.get()));
                next = next.with(again);
                expired.add(new Expired(entry.profileId(), entry.ruleId(), new OwnerDecision(Kind.POOL, null,
                        rule.assignment().strategy(), "unclaimed, back to the pool", stillEligible, again.deadline())));
            } else {
                next = next.without(entry.profileId());
                expired.add(new Expired(entry.profileId(), entry.ruleId(),
                        assigner.fallback(rule, "unclaimed by the deadline")));
            }
        }
        if (!expired.isEmpty()) {
            log.info("Claim pool: {} lead(s) timed out", expired.size());
        }
        return new ExpiryResult(next, expired);
    }

    private static OwnerDecision claimedBy(String ownerId) {
        return OwnerDecision.of(Kind.CLAIMED, ownerId, AssignmentSpec.Strategy.CLAIM_POOL.key(), "claimed from the pool");
    }

    private static ClaimResult refused(Outcome outcome, PoolState state, String message) {
        return new ClaimResult(outcome, state, null, message);
    }
}

package io.kehu.server.delivery;

import io.kehu.api.spi.DeliveryResult;
import io.kehu.search.OutboxDoc;
import io.kehu.server.work.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How an outbox item changes: queued by routing, corrected and replayed through the API, and
 * answered by the destination. Pure: every method takes the current document and returns the next
 * one, or null when nothing changes.
 */
public final class OutboxTransitions {

    private final RetryPolicy policy;
    private final RandomGenerator random;

    public OutboxTransitions(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    public RetryPolicy policy() {
        return policy;
    }

    /**
     * A routing decision. An unchanged payload changes nothing, whatever the status: delivered stays
     * delivered, a queued item keeps its schedule, and a failed one stays failed until it is fixed
     * or replayed (sending it again unchanged would fail the same way). A changed payload is queued;
     * a delivered or failed item starts again with no attempts and keeps its remote id, so the
     * destination updates its record.
     */
    public OutboxDoc enqueue(OutboxDoc current, OutboxEntry e, Instant now) {
        Map<String, Object> fields = PayloadHash.normalize(e.fields());
        if (current == null) {
            return new OutboxDoc(e.destinationId(), e.profileId(), e.ruleId(), fields, Map.of(), e.owner(),
                    PayloadHash.of(fields, e.owner()), OutboxDoc.PENDING, null, 0, now, null, null, null, null, null, now, now, null, null, null, null);
        }
        if (OutboxDoc.MERGED.equals(current.status())) {
            // The profile lives on in the survivor, which carries the destination record on.
            return null;
        }
        String hash = PayloadHash.of(OutboxDoc.overlay(fields, current.overrides()), e.owner());
        if (hash.equals(current.payloadHash())) {
            return null;
        }
        return requeue(current, e.ruleId(), fields, current.overrides(), e.owner(), hash, now, false);
    }

    /**
     * Corrections through the API, kept apart from the routed fields so a later routing keeps them;
     * a null value removes a correction. A delivered item whose payload changed is queued again (the
     * correction reaches the destination as an update); a failed one waits for its replay.
     */
    public OutboxDoc patch(OutboxDoc current, Map<String, Object> corrections, Instant now) {
        Map<String, Object> merged = new LinkedHashMap<>(current.overrides());
        corrections.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        Map<String, Object> overrides = PayloadHash.normalize(merged);
        String hash = PayloadHash.of(OutboxDoc.overlay(current.fields(), overrides), current.owner());
        if (hash.equals(current.payloadHash()) && overrides.equals(current.overrides())) {
            return null;
        }
        boolean keepFailed = OutboxDoc.FAILED.equals(current.status());
        return requeue(current, current.ruleId(), current.fields(), overrides, current.owner(), hash, now, keepFailed);
    }

    /** Back to pending, due now, with no attempts: after a fix, or to send a delivered item again. */
    public OutboxDoc replay(OutboxDoc current, Instant now) {
        return current.withPayload(current.ruleId(), current.fields(), current.overrides(), current.owner(),
                current.payloadHash(), OutboxDoc.PENDING, 0, now, now);
    }

    /**
     * The destination's answer to a delivery of the payload {@code sentHash}. When the item changed
     * while the call was in flight (a new payload, a correction, another hub node delivered it),
     * the new state stands and only a remote id learned from a success is kept, so the next delivery
     * updates the record this one created.
     */
    public OutboxDoc answer(OutboxDoc current, String sentHash, DeliveryResult r, Instant now) {
        return answer(current, sentHash, r, now, null);
    }

    /**
     * {@link #answer(OutboxDoc, String, DeliveryResult, Instant)} with the wait before a retry given.
     *
     * @param batchDelay the wait drawn once for all items of a call that failed as a whole; null draws one for this item
     */
    public OutboxDoc answer(OutboxDoc current, String sentHash, DeliveryResult r, Instant now, Duration batchDelay) {
        if (current == null) {
            return null;
        }
        if (!sentHash.equals(current.payloadHash()) || !OutboxDoc.PENDING.equals(current.status())) {
            boolean learned = r.succeeded() && r.remoteId() != null && !r.remoteId().equals(current.remoteId());
            return learned ? current.withRemoteId(r.remoteId(), now) : null;
        }
        int attempts = current.attempts() + 1;
        if (r.succeeded()) {
            String remoteId = r.remoteId() != null ? r.remoteId() : current.remoteId();
            return current.withAttempt(OutboxDoc.DELIVERED, remoteId, attempts, null, r.outcome().name(), null, null,
                    now, now, now);
        }
        if (!r.retryable() || attempts >= policy.maxAttempts()) {
            String message = r.retryable() ? "Gave up after " + attempts + " attempts: " + r.message() : r.message();
            return current.withAttempt(OutboxDoc.FAILED, current.remoteId(), attempts, null, r.outcome().name(), r.code(),
                    message, now, current.deliveredAt(), now);
        }
        Duration wait = batchDelay != null ? batchDelay : retryDelay(attempts, r.retryAfter());
        return current.withAttempt(OutboxDoc.PENDING, current.remoteId(), attempts, now.plus(wait),
                r.outcome().name(), r.code(), r.message(), now, current.deliveredAt(), now);
    }

    /** Exponential backoff with full jitter, but never sooner than the destination asked. */
    public Duration retryDelay(int attempts, Duration retryAfter) {
        Duration backoff = policy.fullJitterBackoff(attempts, random);
        return retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
    }

    private static OutboxDoc requeue(OutboxDoc current, String ruleId, Map<String, Object> fields, Map<String, Object> overrides,
                                     String owner, String hash, Instant now, boolean keepFailed) {
        if (OutboxDoc.PENDING.equals(current.status()) || keepFailed) {
            return current.withPayload(ruleId, fields, overrides, owner, hash, current.status(), current.attempts(),
                    current.nextAttemptAt(), now);
        }
        return current.withPayload(ruleId, fields, overrides, owner, hash, OutboxDoc.PENDING, 0, now, now);
    }
}

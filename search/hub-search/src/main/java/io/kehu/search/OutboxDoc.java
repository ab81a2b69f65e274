package io.kehu.search;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One routed lead bound for one destination instance, stored under {@code <destination>:<profileId>}
 * so routing the same profile again updates this document instead of adding another.
 *
 * @param fields        the fields as the routing rule mapped them, destination field name to value
 * @param overrides     corrections made through the API; applied over {@code fields} and kept when the
 *                      profile is routed again
 * @param payloadHash   hash of what is sent (effective fields and owner): an unchanged payload is not sent twice
 * @param status        {@code PENDING}, {@code DELIVERED} or {@code FAILED}
 * @param remoteId      the destination's record id, learned from the first success and sent with every later delivery
 * @param attempts      delivery attempts since the payload was last queued
 * @param nextAttemptAt when a {@code PENDING} item is due
 * @param lastOutcome   {@code CREATED}, {@code UPDATED} or {@code FAILED}, of the last attempt
 * @param lastCode      the destination's error code of the last failure
 * @param lastMessage   the destination's message of the last failure
 */
public record OutboxDoc(
        String destination,
        String profileId,
        String ruleId,
        Map<String, Object> fields,
        Map<String, Object> overrides,
        String owner,
        String payloadHash,
        String status,
        String remoteId,
        int attempts,
        Instant nextAttemptAt,
        String lastOutcome,
        String lastCode,
        String lastMessage,
        Instant lastAttemptAt,
        Instant deliveredAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    public OutboxDoc {
        fields = fields == null ? Map.of() : fields;
        overrides = overrides == null ? Map.of() : overrides;
    }

    public static String id(String destination, String profileId) {
        return destination + ":" + profileId;
    }

    public String id() {
        return id(destination, profileId);
    }

    /** What is sent: the routed fields with the API's corrections on top. */
    public Map<String, Object> effectiveFields() {
        return overlay(fields, overrides);
    }

    public static Map<String, Object> overlay(Map<String, Object> fields, Map<String, Object> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.putAll(overrides);
        return out;
    }

    /** A new payload (or new corrections) queued with the given status and schedule. */
    public OutboxDoc withPayload(String ruleId, Map<String, Object> fields, Map<String, Object> overrides, String owner,
                                 String payloadHash, String status, int attempts, Instant nextAttemptAt, Instant now) {
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now);
    }

    /** The outcome of one attempt. */
    public OutboxDoc withAttempt(String status, String remoteId, int attempts, Instant nextAttemptAt, String outcome,
                                 String code, String message, Instant attemptAt, Instant deliveredAt, Instant now) {
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, outcome, code, message, attemptAt, deliveredAt, createdAt, now);
    }

    /** Only the remote id changes: learned by an attempt whose payload was replaced meanwhile. */
    public OutboxDoc withRemoteId(String remoteId, Instant now) {
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now);
    }
}

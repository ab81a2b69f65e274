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
 * @param remoteKey     the idempotency key the destination knows the record by, when it is not this profile's
 *                      own: an entry carried over from a profile merged into this one keeps the absorbed
 *                      profile's key, so an external-id upsert updates that record instead of creating one
 * @param mergedInto    set on the entry of a profile merged away: the surviving profile, which carries the
 *                      destination record on; such an entry is {@code MERGED} and never delivered. While a
 *                      merge is being undone, a survivor's entry carried over from the restored profile is
 *                      briefly {@code MERGED} into that profile, which takes the record back
 * @param statusBeforeMerge the status a {@code MERGED} entry had when it was retired, so undoing the merge can
 *                      bring it back as it was (null on entries retired by hubs before 2026-11)
 * @param returnedBy    the merge whose undo gave this entry back to its profile; routing's carry-over of that
 *                      merge leaves it alone
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
        Instant updatedAt,
        String remoteKey,
        String mergedInto,
        String statusBeforeMerge,
        String returnedBy) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    /** The profile was merged into {@link #mergedInto()}; its entry stays for the audit trail only. */
    public static final String MERGED = "MERGED";

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
                attempts, nextAttemptAt, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now, remoteKey,
                mergedInto, statusBeforeMerge, returnedBy);
    }

    /** The outcome of one attempt. */
    public OutboxDoc withAttempt(String status, String remoteId, int attempts, Instant nextAttemptAt, String outcome,
                                 String code, String message, Instant attemptAt, Instant deliveredAt, Instant now) {
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, outcome, code, message, attemptAt, deliveredAt, createdAt, now, remoteKey, mergedInto,
                statusBeforeMerge, returnedBy);
    }

    /** Only the remote id changes: learned by an attempt whose payload was replaced meanwhile. */
    public OutboxDoc withRemoteId(String remoteId, Instant now) {
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now, remoteKey,
                mergedInto, statusBeforeMerge, returnedBy);
    }

    /**
     * This entry moved to {@code survivor}, the profile this one was merged into: same destination record
     * (remote id and key), payload and status.
     */
    public OutboxDoc carriedTo(String survivor, String key, Instant now) {
        return new OutboxDoc(destination, survivor, ruleId, fields, overrides, owner, payloadHash, status, remoteId,
                attempts, nextAttemptAt, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now, key,
                null, null, null);
    }

    /** Retired: the profile was merged into {@code survivor}. The status it had is kept for an undo. */
    public OutboxDoc retiredInto(String survivor, Instant now) {
        String before = MERGED.equals(status) ? statusBeforeMerge : status;
        return new OutboxDoc(destination, profileId, ruleId, fields, overrides, owner, payloadHash, MERGED, remoteId,
                attempts, null, lastOutcome, lastCode, lastMessage, lastAttemptAt, deliveredAt, createdAt, now, remoteKey,
                survivor, before, returnedBy);
    }

    /** The key the destination knows this entry's record by: the profile's own, or the one carried over with it. */
    public String recordKey() {
        return remoteKey != null ? remoteKey : key(profileId);
    }

    /** The idempotency key of a profile's own record: stable, so every retry and update carries the same key. */
    public static String key(String profileId) {
        return "kehu-" + profileId;
    }
}

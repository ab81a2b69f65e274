package io.kehu.search;

import java.time.Instant;

/**
 * One item of a connector instance's work queue, stored under {@code <connectorId>::<key>} so an
 * item enqueued twice (a vendor retrying its callback) is stored once.
 *
 * @param status {@code PENDING}, {@code DONE} or {@code DEAD} (moved to the dead-letter store)
 */
public record WorkDoc(
        String connectorId,
        String key,
        String type,
        String payload,
        String status,
        int attempts,
        Instant nextAttemptAt,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    public static final String PENDING = "PENDING";
    public static final String DONE = "DONE";
    public static final String DEAD = "DEAD";

    public static String id(String connectorId, String key) {
        return connectorId + "::" + key;
    }

    public WorkDoc with(String status, int attempts, Instant nextAttemptAt, String lastError, Instant now) {
        return new WorkDoc(connectorId, key, type, payload, status, attempts, nextAttemptAt, lastError, createdAt, now);
    }
}

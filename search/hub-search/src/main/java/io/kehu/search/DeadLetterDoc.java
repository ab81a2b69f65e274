package io.kehu.search;

import java.time.Instant;
import java.util.Map;

/**
 * A dead letter as stored.
 *
 * @param status   {@code NEW}, {@code REPLAYED} or {@code FAILED} (a replay failed again)
 * @param payload  the raw item, base64 in JSON
 * @param attempts how many times it was processed, the original attempt included
 */
public record DeadLetterDoc(
        String id,
        String connectorId,
        String key,
        String type,
        String status,
        String reason,
        String contentType,
        byte[] payload,
        Map<String, String> metadata,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {

    public static final String NEW = "NEW";
    public static final String REPLAYED = "REPLAYED";
    public static final String FAILED = "FAILED";
}

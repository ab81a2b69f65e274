package io.kehu.search;

import java.time.Instant;
import java.util.Map;

/** One entry of a profile's timeline as stored; its id is the interaction's idempotency key. */
public record InteractionDoc(
        String id,
        String profileId,
        String type,
        String channel,
        String connectorId,
        String recordKey,
        Instant occurredAt,
        Instant ingestedAt,
        String summary,
        Map<String, String> details) {
}

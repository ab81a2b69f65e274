package io.kehu.api.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One touch point on a person's timeline.
 *
 * @param id         idempotency key, stable across replays (file hash + row, Message-ID, MsgId)
 * @param type       what happened: {@code import}, {@code message}, {@code email}, {@code form} …
 * @param channel    where it happened: {@code spreadsheet}, {@code wecom}, {@code email} …
 * @param occurredAt when it happened
 * @param summary    short text shown on the timeline
 * @param details    further fields kept as they are
 */
public record Interaction(
        String id,
        String type,
        String channel,
        Instant occurredAt,
        String summary,
        Map<String, String> details) {

    public Interaction {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}

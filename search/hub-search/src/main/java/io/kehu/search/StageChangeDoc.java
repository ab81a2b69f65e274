package io.kehu.search;

import java.time.Instant;

/**
 * One stage change of one profile, as stored in the {@code stagechanges} index.
 *
 * @param id            deterministic: the same change replayed from the same stored state gets the same id
 * @param by            {@code rules} (ingest), {@code sweep}, or the name of the API key that set it
 * @param fromSince     when the profile entered the stage it left
 * @param secondsInFrom how long it held that stage
 */
public record StageChangeDoc(
        String id,
        String profileId,
        String from,
        String to,
        Instant at,
        String reason,
        boolean manual,
        String by,
        Instant fromSince,
        long secondsInFrom,
        int rulesVersion) {
}

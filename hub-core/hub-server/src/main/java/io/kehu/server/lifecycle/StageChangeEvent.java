package io.kehu.server.lifecycle;

import java.time.Instant;

/**
 * One acknowledged stage change of one profile.
 *
 * @param name     the profile's display name, for alert texts (masked by whoever logs it)
 * @param combined the combined score after the change
 * @param tier     the tier after the change
 */
public record StageChangeEvent(String profileId, String name, String from, String to, Instant at, String reason,
        boolean manual, int combined, String tier) {
}

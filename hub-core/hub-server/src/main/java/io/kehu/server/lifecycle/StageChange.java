package io.kehu.server.lifecycle;

import java.time.Instant;

/** One entry of a profile's stage history. */
public record StageChange(String from, String to, Instant at, String reason, boolean manual) {
}

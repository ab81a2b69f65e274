package io.kehu.server.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits between half and all of
 * {@code initial * 2^(n-1)}, capped, so retries of many items spread out instead of marching in step.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long capped = Math.min(Math.max(base, 1), maxBackoff.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}

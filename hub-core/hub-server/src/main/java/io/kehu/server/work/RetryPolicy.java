package io.kehu.server.work;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits up to {@code initial * 2^(n-1)}, capped, so retries
 * of many items spread out instead of marching in step.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** Between half and all of the ceiling ("equal jitter"): the work queue never retries at once. */
    public Duration backoff(int attempt) {
        long capped = ceilingMillis(attempt);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * Anywhere between zero and the ceiling ("full jitter"): a batch that failed as a whole is spread
     * over the entire window, which takes the most load off a struggling remote.
     */
    public Duration fullJitterBackoff(int attempt, RandomGenerator random) {
        return Duration.ofMillis(random.nextLong(ceilingMillis(attempt) + 1));
    }

    /** {@code initial * 2^(attempt-1)}, at least 1 ms, at most the maximum. */
    long ceilingMillis(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(Math.max(base, 1), Math.max(maxBackoff.toMillis(), 1));
    }
}

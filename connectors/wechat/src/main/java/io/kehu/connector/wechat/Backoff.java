package io.kehu.connector.wechat;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after WeChat says "too many calls" (45009, 45033) or "busy" (-1): exponential
 * from {@code base}, capped, with jitter so two hub nodes do not retry in step; at most
 * {@code maxTries} calls in all before the caller gives up and leaves it to the hub's own retries.
 */
record Backoff(int maxTries, Duration base, Duration cap, Sleeper sleeper) {

    /** Sleeps; tests record instead. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

    static Backoff standard() {
        return new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(8), THREAD_SLEEP);
    }

    Backoff {
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be 1 or more");
        }
    }

    /** The delay before retry {@code n} (1-based): half the exponential step fixed, half random. */
    Duration delay(int n) {
        long step = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, n - 1));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void sleepBefore(int n) throws InterruptedException {
        sleeper.sleep(delay(n));
    }
}

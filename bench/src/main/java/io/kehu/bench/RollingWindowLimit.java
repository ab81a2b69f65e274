package io.kehu.bench;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The benchmark CRM's side of a rate limit: at most {@code calls} accepted calls whose arrival lies within the last
 * {@code per}, as HubSpot's {@code TEN_SECONDLY_ROLLING} policy counts them. A refused call does not count. Times are
 * nanoseconds from one monotonic source; thread-safe, since the CRM may serve calls on several threads.
 */
final class RollingWindowLimit {

    private final int calls;
    private final long perNanos;
    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    RollingWindowLimit(int calls, Duration per) {
        if (calls < 1 || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("A rate limit needs at least one call in a positive window");
        }
        this.calls = calls;
        this.perNanos = per.toNanos();
    }

    /** Accepts a call arriving at {@code now} (0) or says how long until the window has room for it. */
    synchronized long admit(long now) {
        while (!accepted.isEmpty() && now - accepted.peekFirst() >= perNanos) {
            accepted.removeFirst();
        }
        if (accepted.size() < calls) {
            accepted.addLast(now);
            return 0;
        }
        return accepted.peekFirst() + perNanos - now;
    }

    int calls() {
        return calls;
    }

    Duration per() {
        return Duration.ofNanos(perNanos);
    }
}

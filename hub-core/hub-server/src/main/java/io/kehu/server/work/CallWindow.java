package io.kehu.server.work;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * At most {@code calls} calls in any window of length {@code per}, as vendors state their budgets
 * ("100 calls per 20 seconds"). Unlike the token bucket of {@link RateLimiter}, whose full bucket plus
 * refill allows up to twice the budget within one window, this keeps the times of the last
 * {@code calls} calls and lets the next one go only when the oldest is a full window old.
 *
 * <p>A call is recorded when it has ended, not when it started: the remote counts it on arrival,
 * which lies between the two, so measuring from the end keeps us within the budget whatever the
 * latency. Times are in nanoseconds from any monotonic source; not thread-safe (one caller per
 * destination instance).
 */
public final class CallWindow {

    private final int calls;
    private final long perNanos;
    private final ArrayDeque<Long> ends = new ArrayDeque<>();

    /** {@code calls == 0}: no limit. */
    public CallWindow(int calls, Duration per) {
        if (calls < 0 || (calls > 0 && (per == null || per.isZero() || per.isNegative()))) {
            throw new IllegalArgumentException("A call window needs calls >= 0 and a positive length");
        }
        this.calls = calls;
        this.perNanos = calls == 0 ? 0 : per.toNanos();
    }

    /** How long to wait from {@code now} until the next call stays within the budget; 0 to go at once. */
    public long waitNanos(long now) {
        if (calls == 0 || ends.size() < calls) {
            return 0;
        }
        return Math.max(0, ends.peekFirst() + perNanos - now);
    }

    /** Records a call that ended at {@code now}. */
    public void record(long now) {
        if (calls == 0) {
            return;
        }
        ends.addLast(now);
        while (ends.size() > calls) {
            ends.removeFirst();
        }
    }
}

package io.kehu.server.delivery;

import io.kehu.api.spi.RateLimit;
import io.kehu.server.work.CallWindow;
import java.time.Duration;

/**
 * When a destination instance may make its next call: within its declared rate limit, and not
 * before a pause the destination asked for (a {@code Retry-After} on a whole call) has passed.
 * Times are nanoseconds from a monotonic source; used by one worker thread.
 */
final class DeliveryPacer {

    private final CallWindow window;
    private long pausedUntil;
    private boolean paused;

    DeliveryPacer(RateLimit limit) {
        this.window = limit == null || limit.unlimited() ? new CallWindow(0, Duration.ZERO)
                : new CallWindow(limit.calls(), limit.per());
    }

    /** How long to wait from {@code now} before the next call; 0 to call at once. */
    long waitNanos(long now) {
        long pause = paused ? Math.max(0, pausedUntil - now) : 0;
        if (paused && pause == 0) {
            paused = false;
        }
        return Math.max(pause, window.waitNanos(now));
    }

    /** A call ended at {@code now}. */
    void called(long now) {
        window.record(now);
    }

    /** The destination asked the whole instance to wait; a shorter ask never shortens a longer pause. */
    void pause(long now, Duration wait) {
        long until = now + wait.toNanos();
        if (!paused || until - pausedUntil > 0) {
            pausedUntil = until;
            paused = true;
        }
    }
}

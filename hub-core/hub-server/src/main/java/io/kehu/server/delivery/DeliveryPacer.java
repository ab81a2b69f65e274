package io.kehu.server.delivery;

import io.kehu.api.spi.RateLimit;
import io.kehu.server.work.CallWindow;
import java.time.Duration;

/**
 * When a destination instance may make its next call within its declared rate limit. Pauses the
 * destination asks for, and the daily budget, are the {@link CallGate}'s: they must outlive a restart.
 * Times are nanoseconds from a monotonic source; used by one worker thread.
 */
final class DeliveryPacer {

    private final CallWindow window;

    DeliveryPacer(RateLimit limit) {
        this.window = limit == null || limit.unlimited() ? new CallWindow(0, Duration.ZERO)
                : new CallWindow(limit.calls(), limit.per());
    }

    /** How long to wait from {@code now} before the next call; 0 to call at once. */
    long waitNanos(long now) {
        return window.waitNanos(now);
    }

    /** A call ended at {@code now}. */
    void called(long now) {
        window.record(now);
    }
}

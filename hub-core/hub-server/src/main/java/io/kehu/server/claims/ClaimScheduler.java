package io.kehu.server.claims;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link ClaimExpiry claim check} on a thread of its own every {@code hub.routing.claim-check-interval}. */
public final class ClaimScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimScheduler.class);

    private final ClaimExpiry expiry;
    private final Duration interval;
    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    public ClaimScheduler(ClaimExpiry expiry, Duration interval) {
        this.expiry = expiry;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claim-check");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("The claim check is off (hub.routing.claim-check-interval={}): unclaimed leads stay pooled",
                    interval);
            return;
        }
        // Fixed delay: a slow check is never followed at once by the next.
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Claim pool deadlines checked every {}", interval);
    }

    private void runOnce() {
        try {
            expiry.run();
        } catch (RuntimeException e) {
            if (!closed) {
                // The thread must not die with one failed check: the next one picks the same leads up.
                log.warn("Claim check failed, retried at the next interval", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}

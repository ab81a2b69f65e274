package io.kehu.server.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the sweep every interval on a thread of its own; an interval of 0 turns it off. */
public final class LifecycleSweepScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LifecycleSweepScheduler.class);

    private final LifecycleSweep sweep;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public LifecycleSweepScheduler(LifecycleSweep sweep, Duration interval) {
        this.sweep = sweep;
        this.interval = interval;
    }

    public synchronized void start() {
        if (interval == null || interval.isZero() || interval.isNegative() || executor != null) {
            log.info("Scheduled lifecycle sweep is off (hub.lifecycle.sweep-interval={})", interval);
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lifecycle-sweep");
            t.setDaemon(true);
            return t;
        });
        // Fixed delay: a sweep that takes longer than the interval is never run twice at once.
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Lifecycle sweep every {}", interval);
    }

    private void runOnce() {
        try {
            if (sweep.runIfIdle(LifecycleSweep.Mode.SCORE).isEmpty()) {
                log.info("Scheduled lifecycle sweep skipped: another sweep is running");
            }
        } catch (RuntimeException e) {
            // The next interval tries again; the scheduler must not die with one failed sweep.
            log.warn("Scheduled lifecycle sweep failed, next try in {}", interval, e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}

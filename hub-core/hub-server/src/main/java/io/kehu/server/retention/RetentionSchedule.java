package io.kehu.server.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the retention sweep on a thread of its own, first a few minutes after start, then every interval. */
public final class RetentionSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);
    /** Not at start: a restarting hub has other work first, and a crash loop should not sweep each time. */
    static final Duration FIRST_DELAY = Duration.ofMinutes(5);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionSchedule(RetentionSweeper sweeper, Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("Scheduled retention is off (hub.retention.interval={})", interval);
            return;
        }
        executor.scheduleWithFixedDelay(() -> {
            try {
                sweeper.runIfIdle();
            } catch (RuntimeException e) {
                // The next interval tries again; the thread must not die with one failed sweep.
                log.warn("Retention sweep failed, retried in {}", interval, e);
            }
        }, FIRST_DELAY.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

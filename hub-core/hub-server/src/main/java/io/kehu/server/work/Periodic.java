package io.kehu.server.work;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run every interval on a daemon thread of its own (sweeps, checks, clean-ups). Fixed delay, so a
 * run that takes longer than the interval is never followed at once by the next; a failed run is logged
 * and the next interval tries again, since the thread must not die with one failure. An interval of 0
 * turns the task off.
 */
public final class Periodic implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final ScheduledExecutorService executor;
    private volatile boolean closed;

    private Periodic(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name.replace(' ', '-'));
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param name       what the task is ("lifecycle sweep"): the thread's and the log's name
     * @param setting    the setting that holds the interval, for the log line when it is off
     * @param firstDelay before the first run
     */
    public static Periodic start(String name, String setting, Duration interval, Duration firstDelay, Runnable task) {
        Periodic p = new Periodic(name);
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("Scheduled {} is off ({}={})", name, setting, interval);
            return p;
        }
        p.executor.scheduleWithFixedDelay(() -> p.runOnce(task, interval), firstDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Scheduled {} every {}", name, interval);
        return p;
    }

    private void runOnce(Runnable task, Duration interval) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("Scheduled {} failed, next try in {}", name, interval, e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}

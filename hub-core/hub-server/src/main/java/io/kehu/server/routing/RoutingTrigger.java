package io.kehu.server.routing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs routing on a thread of its own: every interval (0 turns the schedule off) and soon after a
 * {@link #wake() wake-up}. Wake-ups coalesce: however many ingest batches and sweeps ask while a run is
 * pending, one run follows, and it sees all their changes.
 */
public final class RoutingTrigger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingTrigger.class);

    private final RoutingService service;
    private final Duration interval;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;
    private final ScheduledExecutorService executor;

    public RoutingTrigger(RoutingService service, Duration interval) {
        this.service = service;
        this.interval = interval;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "routing");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("Scheduled routing is off (hub.routing.interval={}); it runs after ingest and sweeps", interval);
            return;
        }
        // Fixed delay: a run longer than the interval is never followed by a second at once.
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Routing every {}", interval);
    }

    /** Asks for a run soon; cheap, never blocks, never throws. */
    public void wake() {
        if (pending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    pending.set(false);
                    runOnce();
                });
            } catch (RuntimeException e) {
                // Shutting down: the next start routes what this wake-up asked for.
                pending.set(false);
            }
        }
    }

    private void runOnce() {
        try {
            if (service.runIfIdle().isEmpty()) {
                log.debug("Routing run skipped: another run is under way");
            }
        } catch (RoutingStateStore.Conflict e) {
            log.info("Routing run stopped: another node advanced the checkpoint");
        } catch (RuntimeException e) {
            if (closed) {
                // Stopped mid-run: the checkpoint did not advance, the next start walks these profiles again.
                log.info("Routing run stopped by shutdown");
                return;
            }
            // The next wake-up or interval tries again; the thread must not die with one failed run.
            log.warn("Routing run failed, retried at the next trigger", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}

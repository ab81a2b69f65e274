package io.kehu.server.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs routing on a thread of its own: every interval (0 turns the schedule off) and after a
 * {@link #wake() wake-up}. Wake-ups coalesce: however many ingest batches and sweeps ask while a run is
 * pending, one run follows, and it sees all their changes. A wake-up run starts no sooner than
 * {@code minGap} after the previous run ended: a lone web form is routed at once, while a large import,
 * which wakes routing after every batch, is routed every {@code minGap} instead of after every batch. Each
 * run re-reads the profiles changed since the last one and opens a point-in-time, which refreshes the
 * profile index; run after every batch, that cost more than the import itself.
 */
public final class RoutingTrigger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingTrigger.class);

    private final Function<Boolean, Optional<?>> run;
    private final Duration interval;
    private final long minGapNanos;
    private final LongSupplier nanoTime;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The next run walks every profile, not only the changed ones. */
    private final AtomicBoolean all = new AtomicBoolean();
    /** When the last run ended, by {@link #nanoTime}; none yet: a wake-up runs at once. */
    private volatile long lastEnded;
    private volatile boolean ranOnce;
    private volatile boolean closed;
    private final ScheduledExecutorService executor;

    public RoutingTrigger(RoutingService service, Duration interval, Duration minGap) {
        this(service::runIfIdle, interval, minGap, System::nanoTime);
    }

    /** @param run one routing run, over every profile when given true; empty when another run was under way */
    RoutingTrigger(Function<Boolean, Optional<?>> run, Duration interval, Duration minGap, LongSupplier nanoTime) {
        this.run = run;
        this.interval = interval;
        this.minGapNanos = minGap == null || minGap.isNegative() ? 0 : minGap.toNanos();
        this.nanoTime = nanoTime;
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
        log.info("Routing every {}, and at most every {} after ingest", interval, Duration.ofNanos(minGapNanos));
    }

    /** Asks for a run soon; cheap, never blocks, never throws. */
    public void wake() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(() -> {
                // Cleared before the run, so a batch written during the run wakes the next one.
                pending.set(false);
                runOnce();
            }, delayNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: the next start routes what this wake-up asked for.
            pending.set(false);
        }
    }

    /**
     * Asks for a run over every profile soon: a destination instance was defined, and the decisions held
     * back for it can go out now although their profiles did not change.
     */
    public void wakeAll() {
        all.set(true);
        wake();
    }

    /** Nanoseconds until a wake-up run may start. */
    long delayNanos() {
        if (!ranOnce) {
            return 0;
        }
        return Math.max(0, lastEnded + minGapNanos - nanoTime.getAsLong());
    }

    private void runOnce() {
        try {
            boolean everyProfile = all.getAndSet(false);
            if (run.apply(everyProfile).isEmpty()) {
                // Kept for the next run: the one under way may have started before the ask.
                all.compareAndSet(false, everyProfile);
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
        } finally {
            lastEnded = nanoTime.getAsLong();
            ranOnce = true;
        }
    }

    /** Waits until the runs already due have ended; for tests. */
    void drain() throws Exception {
        executor.schedule(() -> { }, 0, TimeUnit.NANOSECONDS).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}

package io.kehu.server.delivery;

import io.kehu.api.HubException;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RateLimit;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.search.OutboxDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.connectors.DeliveryStatus;
import io.kehu.server.connectors.DestinationInstanceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries of one running destination instance, on a thread of their own: takes the due
 * pending items, oldest first, paced by the instance's rate limit, by pauses the destination
 * asks for and by its daily call budget, calls the plugin and stores its answers. Wakes when an
 * item is queued; otherwise looks again when the next item falls due, and at least every poll
 * interval. Holds nothing the outbox and the call count do not: after a restart, items that were
 * sent but not answered are simply due again.
 */
final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final String destination;
    private final DestinationInstanceContext ctx;
    private final DestinationTask task;
    private final Outbox outbox;
    private final ResultWriter writer;
    private final DeliverySettings settings;
    private final Clock clock;
    private final DeliveryPacer pacer;
    private final CallGate gate;
    private final int batchSize;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean signalled;
    private volatile boolean running = true;
    /** What holds the calls now (the budget or a pause), once found; null while calls may go. */
    private CallGate.Hold hold;

    DeliveryWorker(DestinationInstanceContext ctx, DestinationTask task, Outbox outbox, ResultWriter writer,
                   DeliverySettings settings, CallGate gate, Clock clock) {
        this.destination = ctx.instanceId();
        this.ctx = ctx;
        this.task = task;
        this.outbox = outbox;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.gate = gate;
        RateLimit limit;
        try (var mdc = ctx.mdc()) {
            limit = task.rateLimit();
            this.batchSize = Math.max(1, task.maxBatchSize());
        }
        this.pacer = new DeliveryPacer(limit);
        this.thread = new Thread(this::loop, "deliver-" + destination);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Something may have become due: look at once. */
    void wake() {
        synchronized (lock) {
            signalled = true;
            lock.notifyAll();
        }
    }

    /** Lets the call in flight finish and its answers be stored, then ends; interrupts after the stop timeout. */
    void stop() {
        running = false;
        wake();
        try {
            thread.join(settings.stopTimeout().toMillis());
            if (thread.isAlive()) {
                log.warn("Deliveries of {} did not stop within {}; interrupting: unanswered items are sent again later",
                        destination, settings.stopTimeout());
                thread.interrupt();
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try (var mdc = ctx.mdc()) {
            log.info("Delivering the outbox of {} in batches of up to {}", destination, batchSize);
            while (running) {
                long waitMillis;
                try {
                    waitMillis = round();
                } catch (RuntimeException e) {
                    // Elasticsearch unreachable, most likely: nothing is lost, the outbox is read again.
                    log.warn("Delivery round of {} failed, trying again in {}: {}", destination, settings.pollInterval(),
                            e.getMessage());
                    ctx.metrics().error("Delivery round failed: " + e.getMessage());
                    waitMillis = settings.pollInterval().toMillis();
                }
                if (waitMillis > 0) {
                    await(waitMillis);
                }
            }
        }
    }

    /** One batch, if one is due and the pace allows; returns how long to wait before the next round. */
    private long round() {
        long pace = pacer.waitNanos(System.nanoTime());
        if (pace > 0) {
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(pace) + 1);
        }
        Instant now = clock.instant();
        if (hold != null && hold.until().isAfter(now)) {
            // Neither a used-up budget nor a pause ends early: no need to read the outbox or the count meanwhile.
            return waitUntil(hold.until(), now);
        }
        List<VersionedDoc<OutboxDoc>> pending = outbox.pending(destination, batchSize);
        List<VersionedDoc<OutboxDoc>> due = pending.stream()
                .takeWhile(d -> d.source().nextAttemptAt() == null || !d.source().nextAttemptAt().isAfter(now)).toList();
        if (due.isEmpty()) {
            return pending.isEmpty() ? settings.pollInterval().toMillis() : waitUntil(pending.get(0).source().nextAttemptAt(), now);
        }
        CallGate.Hold next = gate.acquire();
        if (next != null) {
            held(next);
            return waitUntil(next.until(), clock.instant());
        }
        hold = null;
        deliver(due);
        return 0;
    }

    /** At most a poll interval: the clock may move otherwise than the wait (and a test's clock does). */
    private long waitUntil(Instant until, Instant now) {
        return Math.min(settings.pollInterval().toMillis(), Math.max(1, Duration.between(now, until).toMillis() + 1));
    }

    /** Counts and logs a hold once when it begins, not at every look: once a day for the budget. */
    private void held(CallGate.Hold next) {
        if (next.equals(hold)) {
            return;
        }
        hold = next;
        if (DeliveryStatus.BUDGET.equals(next.reason())) {
            ctx.metrics().increment("deliveries.budgetHeld", 1);
            log.info("The daily call budget of {} ({} calls a day, the day starting in {}) is used up; its due leads "
                    + "stay pending until {}", destination, ctx.budget().calls(), ctx.budget().zone(), next.until());
        } else {
            ctx.metrics().increment("deliveries.pauseHeld", 1);
            log.info("Delivery to {} waits until {}, as the destination asked; its due leads stay pending",
                    destination, next.until());
        }
    }

    private void deliver(List<VersionedDoc<OutboxDoc>> due) {
        List<Delivery> batch = due.stream().map(d -> toDelivery(d.source())).toList();
        List<DeliveryResult> results;
        boolean wholeCall = false;
        try {
            results = task.deliver(batch);
            ctx.metrics().increment("deliveries.calls", 1);
            if (!answersEach(results, batch.size())) {
                wholeCall = true;
                log.error("Connector {} answered {} results for {} deliveries; the batch is retried", destination,
                        results == null ? 0 : results.size(), batch.size());
                results = Collections.nCopies(batch.size(), DeliveryResult.retry("BAD_RESULT_COUNT",
                        "The connector did not answer one result per delivery", null));
            }
        } catch (RuntimeException | LinkageError e) {
            // A LinkageError too: a plugin missing a class must not end the worker thread unnoticed.
            results = Collections.nCopies(batch.size(), callFailure(e, batch.size()));
            wholeCall = true;
        } finally {
            pacer.called(System.nanoTime());
        }
        writer.write(destination, due, batch, results, clock.instant(), ctx.metrics(), wholeCall);
    }

    /**
     * One non-null result per delivery. Not {@code results.contains(null)}: the immutable lists of {@code List.of},
     * which plugins return, throw on that, and a delivered batch would be taken for a failed one and sent again.
     */
    static boolean answersEach(List<DeliveryResult> results, int deliveries) {
        return results != null && results.size() == deliveries && results.stream().allMatch(Objects::nonNull);
    }

    /** A failure of the whole call applies to every item of the batch; a wait it asks for pauses the whole instance. */
    private DeliveryResult callFailure(Throwable e, int size) {
        ctx.metrics().increment("deliveries.callFailures", 1);
        if (e instanceof RemoteCallException r) {
            String code = r.code() != null ? r.code() : r.status() > 0 ? String.valueOf(r.status()) : "NO_ANSWER";
            if (r.retryable() && r.retryAfter() != null && !r.retryAfter().isNegative()) {
                ctx.metrics().increment("deliveries.paused", 1);
                gate.pause(r.retryAfter());
            }
            log.warn("A call to {} with {} deliveries failed (status {}, code {}, retry after {}): {}", destination, size,
                    r.status(), code, r.retryAfter(), r.getMessage());
            ctx.metrics().error(r.getMessage());
            return new DeliveryResult(DeliveryResult.Outcome.FAILED, null, r.retryable(), code, r.getMessage(), r.retryAfter());
        }
        if (e instanceof HubException h) {
            log.warn("A call to {} with {} deliveries failed ({}): {}", destination, size, h.kind(), h.getMessage());
            ctx.metrics().error(h.getMessage());
            return new DeliveryResult(DeliveryResult.Outcome.FAILED, null, h.retryable(), h.kind().name(), h.getMessage(), null);
        }
        log.error("Connector {} failed on a batch of {} deliveries; retrying with backoff", destination, size, e);
        ctx.metrics().error("The connector failed: " + e.getClass().getSimpleName());
        return DeliveryResult.retry("CONNECTOR_ERROR", "The connector failed: " + e.getClass().getSimpleName(), null);
    }

    private static Delivery toDelivery(OutboxDoc doc) {
        return new Delivery(doc.recordKey(), doc.profileId(), doc.remoteId(),
                Collections.unmodifiableMap(doc.effectiveFields()), doc.owner());
    }

    private void await(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            try {
                long left;
                while (!signalled && running && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                running = false;
            }
            signalled = false;
        }
    }
}

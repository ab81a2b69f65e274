package io.kehu.server.alerts;

import io.kehu.search.AlertDoc;
import io.kehu.search.AlertDoc.Delivery;
import io.kehu.server.alerts.AlertTarget.SendResult;
import io.kehu.server.work.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records alerts and sends them, on its own thread. "Once" rests on the record: an alert is stored
 * under its cause key with create-if-absent before anything is sent, so a cause raised again (a
 * replay, a second sweep, another hub node, a restart) sends nothing. Each target's delivery is
 * tracked on the record and retried with backoff up to a bound, then marked failed.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    /** A pending alert untouched this long belongs to a node that stopped; another node resumes it. */
    static final Duration STALE = Duration.ofMinutes(5);

    private final AlertStore store;
    private final Map<String, AlertTarget> targets = new LinkedHashMap<>();
    private final RetryPolicy retry;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alerts");
        t.setDaemon(true);
        return t;
    });

    public AlertDispatcher(AlertStore store, List<AlertTarget> targets, RetryPolicy retry, Clock clock) {
        this.store = store;
        targets.forEach(t -> this.targets.put(t.name(), t));
        this.retry = retry;
        this.clock = clock;
    }

    /** Records and sends in the background; returns at once and never throws. */
    public void raise(List<AlertDoc> drafts) {
        if (!drafts.isEmpty()) {
            submit(() -> record(drafts, 1), Duration.ZERO);
        }
    }

    /** Picks up deliveries a stopped node left pending. */
    public void resumeStale() {
        submit(() -> store.stalePending(clock.instant().minus(STALE), 1000)
                .forEach(a -> submit(() -> deliver(a.id()), Duration.ZERO)), Duration.ZERO);
    }

    private void record(List<AlertDoc> drafts, int attempt) {
        Instant now = clock.instant();
        List<Delivery> pending = targets.values().stream()
                .map(t -> new Delivery(t.name(), t.type(), AlertDoc.PENDING, 0, null, null, null)).toList();
        List<AlertDoc> docs = drafts.stream().map(d -> new AlertDoc(d.id(), d.kind(), AlertDoc.PENDING,
                d.profileId(), d.titleZh(), d.titleEn(), d.textZh(), d.textEn(), d.details(), pending, now, now)).toList();
        List<AlertDoc> created;
        try {
            created = store.createIfAbsent(docs);
        } catch (RuntimeException e) {
            // Not recorded means not sent: try again, or the cause is lost (the change will not be reported twice).
            if (attempt >= retry.maxAttempts()) {
                log.error("Giving up recording {} alert(s) after {} attempts", drafts.size(), attempt, e);
            } else {
                log.warn("Could not record {} alert(s), retry {} of {}: {}", drafts.size(), attempt,
                        retry.maxAttempts() - 1, e.getMessage());
                submit(() -> record(drafts, attempt + 1), retry.backoff(attempt));
            }
            return;
        }
        if (created.size() < docs.size()) {
            log.debug("{} alert(s) already raised before; not sent again", docs.size() - created.size());
        }
        created.forEach(a -> deliver(a.id()));
    }

    private void deliver(String id) {
        AlertDoc alert = store.get(id).orElse(null);
        if (alert == null || !AlertDoc.PENDING.equals(alert.status())) {
            return;
        }
        Instant now = clock.instant();
        List<Delivery> next = new ArrayList<>();
        Instant wake = null;
        boolean changed = false;
        for (Delivery d : alert.deliveries()) {
            AlertTarget target = targets.get(d.target());
            if (!d.pending() || target == null || (d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(now))) {
                if (d.pending() && target == null) {
                    // The target was removed from the configuration since the alert was raised.
                    d = new Delivery(d.target(), d.type(), AlertDoc.FAILED, d.attempts(), "target no longer configured",
                            null, null);
                    changed = true;
                }
                wake = d.pending() ? earliest(wake, d.nextAttemptAt()) : wake;
                next.add(d);
                continue;
            }
            Delivery after = attempt(alert, d, target, now);
            // A deferral (local rate limit) is not worth a write; anything else is recorded.
            changed |= !(after.pending() && after.attempts() == d.attempts());
            wake = after.pending() ? earliest(wake, after.nextAttemptAt()) : wake;
            next.add(after);
        }
        AlertDoc updated = alert.withDeliveries(next, now);
        if (changed) {
            store.save(updated);
        }
        if (wake != null) {
            submit(() -> deliver(id), Duration.between(clock.instant(), wake));
        }
    }

    private Delivery attempt(AlertDoc alert, Delivery d, AlertTarget target, Instant now) {
        SendResult r = target.send(alert);
        int attempts = d.attempts() + 1;
        return switch (r.outcome()) {
            case SENT -> {
                log.info("Alert {} sent to {}", alert.id(), target.name());
                yield new Delivery(d.target(), d.type(), AlertDoc.SENT, attempts, d.lastError(), null, now);
            }
            case DEFER -> new Delivery(d.target(), d.type(), AlertDoc.PENDING, d.attempts(), d.lastError(),
                    now.plus(deferral()), null);
            case FAILED -> {
                log.error("Alert {} refused by {}: {}; not retried", alert.id(), target.name(), r.error());
                yield new Delivery(d.target(), d.type(), AlertDoc.FAILED, attempts, r.error(), null, null);
            }
            case RETRY -> {
                if (attempts >= retry.maxAttempts()) {
                    log.error("Giving up alert {} to {} after {} attempts: {}", alert.id(), target.name(), attempts,
                            r.error());
                    yield new Delivery(d.target(), d.type(), AlertDoc.FAILED, attempts, r.error(), null, null);
                }
                log.warn("Alert {} to {} failed ({}), retry {} of {}", alert.id(), target.name(), r.error(), attempts,
                        retry.maxAttempts() - 1);
                yield new Delivery(d.target(), d.type(), AlertDoc.PENDING, attempts, r.error(),
                        now.plus(retry.backoff(attempts)), null);
            }
        };
    }

    /** A spent local rate limit frees up within a few seconds at any configured rate. */
    private static Duration deferral() {
        return Duration.ofSeconds(3);
    }

    private void submit(Runnable task, Duration delay) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Alert delivery failed unexpectedly", e);
            }
        };
        try {
            executor.schedule(guarded, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Alert work dropped: the hub is shutting down");
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

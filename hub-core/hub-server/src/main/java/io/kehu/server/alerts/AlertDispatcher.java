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
import java.util.Optional;
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
        submit(() -> {
            List<String> stale = store.stalePending(clock.instant().minus(STALE), 1000).stream()
                    .map(AlertDoc::id).toList();
            if (!stale.isEmpty()) {
                deliver(stale);
            }
        }, Duration.ZERO);
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
        if (!created.isEmpty()) {
            deliver(created.stream().map(AlertDoc::id).toList());
        }
    }

    /**
     * Sends what is due of the given alerts. Per target, alerts of one kind go together, as many to a
     * message as the target takes (a WeCom robot: a digest of up to 20; a webhook: one each), so a sweep
     * that moves fifty customers into at-risk posts a few digests, not fifty messages.
     */
    private void deliver(List<String> ids) {
        Instant now = clock.instant();
        Map<String, AlertDoc> alerts = new LinkedHashMap<>();
        for (String id : ids) {
            store.get(id).filter(a -> AlertDoc.PENDING.equals(a.status())).ifPresent(a -> alerts.put(id, a));
        }
        Map<String, Map<String, Delivery>> outcomes = new LinkedHashMap<>();
        for (AlertTarget target : targets.values()) {
            Map<String, List<AlertDoc>> dueByKind = new LinkedHashMap<>();
            for (AlertDoc a : alerts.values()) {
                delivery(a, target.name()).filter(d -> d.pending() && (d.nextAttemptAt() == null
                        || !d.nextAttemptAt().isAfter(now)))
                        .ifPresent(d -> dueByKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a));
            }
            for (List<AlertDoc> due : dueByKind.values()) {
                for (int from = 0; from < due.size(); from += target.maxPerMessage()) {
                    List<AlertDoc> message = due.subList(from, Math.min(due.size(), from + target.maxPerMessage()));
                    SendResult r = message.size() == 1 ? target.send(message.get(0)) : target.send(message);
                    for (AlertDoc a : message) {
                        outcomes.computeIfAbsent(a.id(), k -> new LinkedHashMap<>())
                                .put(target.name(), after(a, delivery(a, target.name()).orElseThrow(), target, r, now));
                    }
                }
            }
        }
        Instant wake = null;
        List<String> again = new ArrayList<>();
        for (AlertDoc alert : alerts.values()) {
            Map<String, Delivery> sent = outcomes.getOrDefault(alert.id(), Map.of());
            List<Delivery> next = new ArrayList<>();
            boolean changed = false;
            Instant alertWake = null;
            for (Delivery d : alert.deliveries()) {
                Delivery after = sent.get(d.target());
                if (after == null && d.pending() && !targets.containsKey(d.target())) {
                    // The target was removed from the configuration since the alert was raised.
                    after = new Delivery(d.target(), d.type(), AlertDoc.FAILED, d.attempts(),
                            "target no longer configured", null, null);
                }
                if (after != null) {
                    // A deferral (local rate limit) is not worth a write; anything else is recorded.
                    changed |= !(after.pending() && after.attempts() == d.attempts());
                    d = after;
                }
                alertWake = d.pending() ? earliest(alertWake, d.nextAttemptAt() == null ? now : d.nextAttemptAt())
                        : alertWake;
                next.add(d);
            }
            if (changed) {
                store.save(alert.withDeliveries(next, now));
            }
            if (alertWake != null) {
                again.add(alert.id());
                wake = earliest(wake, alertWake);
            }
        }
        if (wake != null) {
            submit(() -> deliver(again), Duration.between(clock.instant(), wake));
        }
    }

    private static Optional<Delivery> delivery(AlertDoc alert, String target) {
        return alert.deliveries().stream().filter(d -> d.target().equals(target)).findFirst();
    }

    private Delivery after(AlertDoc alert, Delivery d, AlertTarget target, SendResult r, Instant now) {
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

package io.kehu.server.alerts;

import io.kehu.search.AlertDoc;
import io.kehu.server.config.AlertProperties;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.funnel.Period;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.LifecycleRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the watched conversion rates on a schedule and raises an alert when one is below its
 * threshold: one per rule and window start day, so hourly checks (on every hub node) alert once a day
 * at most while the rate stays low.
 */
public final class ConversionMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConversionMonitor.class);

    private final FunnelService funnel;
    private final AlertDispatcher dispatcher;
    private final LifecycleRules rules;
    private final List<AlertProperties.Conversion> watched;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public ConversionMonitor(FunnelService funnel, AlertDispatcher dispatcher, LifecycleRules rules,
                             List<AlertProperties.Conversion> watched, Clock clock) {
        this.funnel = funnel;
        this.dispatcher = dispatcher;
        this.rules = rules;
        this.watched = List.copyOf(watched);
        this.clock = clock;
    }

    /** Checks every {@code interval}, the first time one interval after start; zero or no rules: never. */
    public synchronized void start(Duration interval) {
        if (watched.isEmpty() || interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "conversion-check");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::checkQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Checking {} conversion rate(s) every {}", watched.size(), interval);
    }

    /** Checks every watched rate now; answers the alerts raised (already raised ones are dropped later). */
    public List<AlertDoc> checkNow() {
        LifecycleModel model = rules.current().config().lifecycle();
        Instant now = clock.instant();
        List<AlertDoc> alerts = new ArrayList<>();
        for (AlertProperties.Conversion rule : watched) {
            if (model.stage(rule.getFrom()).isEmpty() || model.stage(rule.getTo()).isEmpty()) {
                log.warn("Conversion rule {} → {} names a stage the lifecycle model lacks; skipped",
                        rule.getFrom(), rule.getTo());
                continue;
            }
            FunnelService.Conversion c = funnel.conversion(rule.getFrom(), rule.getTo(),
                    new Period(now.minus(rule.getWindow()), now));
            if (c.rate() != null && c.entered() >= rule.getMinEntered() && c.rate() < rule.getMinRate()) {
                alerts.add(AlertTexts.conversionLow(c, rule, model));
            }
        }
        dispatcher.raise(alerts);
        return alerts;
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("Conversion check failed; next check at the next interval: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}

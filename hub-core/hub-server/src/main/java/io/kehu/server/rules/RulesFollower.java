package io.kehu.server.rules;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts rules that another hub node accepted through the API in force here too, checking every interval.
 * Between a change and the next check, this node routes and scores with the version before; every
 * decision records the version that made it.
 */
public final class RulesFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesFollower.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rules-follower");
        t.setDaemon(true);
        return t;
    });

    public RulesFollower(List<RulesService<?>> services, Duration interval) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("Following rules changes of other hub nodes is off (hub.rules.follow-interval={})", interval);
            return;
        }
        executor.scheduleWithFixedDelay(() -> services.forEach(RulesFollower::follow), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void follow(RulesService<?> service) {
        try {
            if (service.follow()) {
                log.info("{} rules: put in force version {} stored by another hub node", service.kind(),
                        service.current().version());
            }
        } catch (RuntimeException e) {
            // Elasticsearch unreachable for a moment: the next check tries again.
            log.warn("Could not check for newer {} rules: {}", service.kind(), e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

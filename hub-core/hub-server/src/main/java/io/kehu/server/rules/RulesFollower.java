package io.kehu.server.rules;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts rules that another hub node accepted through the API in force here too; run every interval.
 * Between a change and the next check, this node routes and scores with the version before; every
 * decision records the version that made it.
 */
public final class RulesFollower implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RulesFollower.class);

    private final List<RulesService<?>> services;

    public RulesFollower(List<RulesService<?>> services) {
        this.services = List.copyOf(services);
    }

    @Override
    public void run() {
        for (RulesService<?> service : services) {
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
    }
}

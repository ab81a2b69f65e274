package io.kehu.server.alerts;

import io.kehu.search.AlertDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the hub's log (logger {@code io.kehu.alerts}); texts are already masked. */
final class LogTarget implements AlertTarget {

    private static final Logger log = LoggerFactory.getLogger("io.kehu.alerts");

    private final String name;

    LogTarget(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "log";
    }

    @Override
    public SendResult send(AlertDoc alert) {
        log.warn("Alert {}: {} | {}", alert.id(), alert.textEn(), alert.textZh());
        return SendResult.sent();
    }
}

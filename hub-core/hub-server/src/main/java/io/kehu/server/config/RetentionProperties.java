package io.kehu.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything under {@code hub.retention.*}: how long finished records are kept before the retention sweep
 * deletes them. {@code 0} keeps them for ever. What still needs someone's attention (pending work, new or
 * failed dead letters, undelivered leads) and what other records depend on (the outbox's CRM record ids,
 * merges, stage changes, import reports) is never deleted.
 */
@ConfigurationProperties("hub.retention")
public class RetentionProperties {

    /** How often the sweep runs; 0 turns the schedule off ({@code POST /api/v1/retention/run} still works). */
    private Duration interval = Duration.ofHours(6);
    /** Finished work items (callbacks and polls processed), by their last update. */
    private Duration work = Duration.ofDays(30);
    /** Dead letters that were replayed successfully, by their last update. */
    private Duration deadLetters = Duration.ofDays(30);
    /** The delivery log (every call to a CRM and its answer), by the time of the call. */
    private Duration deliveries = Duration.ofDays(180);
    /** Alerts, by the time they were raised. */
    private Duration alerts = Duration.ofDays(180);

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getWork() {
        return work;
    }

    public void setWork(Duration work) {
        this.work = work;
    }

    public Duration getDeadLetters() {
        return deadLetters;
    }

    public void setDeadLetters(Duration deadLetters) {
        this.deadLetters = deadLetters;
    }

    public Duration getDeliveries() {
        return deliveries;
    }

    public void setDeliveries(Duration deliveries) {
        this.deliveries = deliveries;
    }

    public Duration getAlerts() {
        return alerts;
    }

    public void setAlerts(Duration alerts) {
        this.alerts = alerts;
    }
}

package io.kehu.server.connectors;

import io.kehu.api.spi.DestinationTask;

/**
 * Delivers the outbox of a started destination instance. The registry starts and stops instances;
 * the delivery package implements this, so the registry needs no knowledge of the outbox.
 */
@FunctionalInterface
public interface DeliveryRunner {

    /** Starts delivering through {@code task}; the returned handle stops it. */
    Handle start(DestinationInstanceContext context, DestinationTask task);

    /**
     * The instance's calls today and whether its delivery is held, as stored for the whole instance; whether it
     * runs here or not. Null when this runner keeps no such record.
     */
    default DeliveryStatus status(String instanceId, DailyBudgetSettings budget) {
        return null;
    }

    /** Stops the deliveries of one instance, letting a call in flight finish and its answers be stored. */
    @FunctionalInterface
    interface Handle {
        void stop();
    }
}

package io.kehu.server.delivery;

import io.kehu.api.spi.DestinationTask;
import io.kehu.server.connectors.DeliveryRunner;
import io.kehu.server.connectors.DestinationInstanceContext;
import java.time.Clock;

/** Starts a delivery worker for each started destination instance and routes wake-ups to it. */
public final class DeliveryWorkers implements DeliveryRunner {

    private final Outbox outbox;
    private final ResultWriter writer;
    private final DeliverySignals signals;
    private final DeliverySettings settings;
    private final Clock clock;

    DeliveryWorkers(Outbox outbox, ResultWriter writer, DeliverySignals signals, DeliverySettings settings, Clock clock) {
        this.outbox = outbox;
        this.writer = writer;
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Handle start(DestinationInstanceContext context, DestinationTask task) {
        DeliveryWorker worker = new DeliveryWorker(context, task, outbox, writer, settings, clock);
        Runnable wake = worker::wake;
        signals.listen(context.instanceId(), wake);
        worker.start();
        return () -> {
            signals.unlisten(context.instanceId(), wake);
            worker.stop();
        };
    }
}

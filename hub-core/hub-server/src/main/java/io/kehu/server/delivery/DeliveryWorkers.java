package io.kehu.server.delivery;

import io.kehu.api.spi.DestinationTask;
import io.kehu.server.connectors.DailyBudgetSettings;
import io.kehu.server.connectors.DeliveryRunner;
import io.kehu.server.connectors.DeliveryStatus;
import io.kehu.server.connectors.DestinationInstanceContext;
import java.time.Clock;

/**
 * Starts a delivery worker for each started destination instance and routes wake-ups to it; answers an
 * instance's calls today for its health.
 */
public final class DeliveryWorkers implements DeliveryRunner {

    private final Outbox outbox;
    private final ResultWriter writer;
    private final DeliverySignals signals;
    private final DeliverySettings settings;
    private final CallLedger ledger;
    private final Clock clock;

    DeliveryWorkers(Outbox outbox, ResultWriter writer, DeliverySignals signals, DeliverySettings settings,
                    CallLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.writer = writer;
        this.signals = signals;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Handle start(DestinationInstanceContext context, DestinationTask task) {
        CallGate gate = new CallGate(context.instanceId(), context.budget(), ledger, clock);
        DeliveryWorker worker = new DeliveryWorker(context, task, outbox, writer, settings, gate, clock);
        Runnable wake = worker::wake;
        signals.listen(context.instanceId(), wake);
        worker.start();
        return () -> {
            signals.unlisten(context.instanceId(), wake);
            worker.stop();
        };
    }

    @Override
    public DeliveryStatus status(String instanceId, DailyBudgetSettings budget) {
        return CallGate.status(instanceId, budget, ledger, clock.instant());
    }
}

package io.kehu.server.delivery;

import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.work.RetryPolicy;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The delivery side of the hub, wired together: the outbox routing writes to, the workers the
 * connector registry starts per destination instance, the delivery log and the dead letters.
 */
public record Deliveries(Outbox outbox, DeliveryLog log, DeliveryWorkers workers, DeliveryDeadLetters deadLetters) {

    public static Deliveries create(Documents docs, BulkWriter bulk, IndexNames names, RetryPolicy retry,
                                    DeliverySettings settings, Clock clock) {
        OutboxStore store = new OutboxStore(docs, bulk, names);
        OutboxTransitions transitions = new OutboxTransitions(retry, new SecureRandom());
        DeliverySignals signals = new DeliverySignals();
        DeliveryLog log = new DeliveryLog(docs, names);
        Outbox outbox = new Outbox(store, docs, names, transitions, signals,
                new OutboxSplit(docs, bulk, names, signals, clock), clock);
        ResultWriter writer = new ResultWriter(store, log, transitions);
        return new Deliveries(outbox, log,
                new DeliveryWorkers(outbox, writer, signals, settings, new CallLedger(docs, names, clock), clock),
                new DeliveryDeadLetters(store, docs, names, transitions, signals, clock));
    }
}

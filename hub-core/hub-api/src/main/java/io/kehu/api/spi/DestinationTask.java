package io.kehu.api.spi;

import java.util.List;

/** A running destination instance: pushes a batch of leads and reports a result per lead. */
public interface DestinationTask extends AutoCloseable {

    /** Largest batch the remote API accepts in one call. */
    default int maxBatchSize() {
        return 100;
    }

    /**
     * Creates or updates the leads remotely. Must be idempotent per {@link Delivery#idempotencyKey()}.
     *
     * @return one result per delivery, in the same order
     */
    List<DeliveryResult> deliver(List<Delivery> batch);

    @Override
    void close();
}

package io.kehu.api.spi;

import java.util.List;

/** A running destination instance: pushes a batch of leads and reports a result per lead. */
public interface DestinationTask extends AutoCloseable {

    /** Largest batch the remote API accepts in one call. */
    default int maxBatchSize() {
        return 100;
    }

    /**
     * The remote API's budget for {@link #deliver} calls. One {@code deliver} call must not make more
     * than one counted call, except for a token refresh.
     */
    default RateLimit rateLimit() {
        return RateLimit.UNLIMITED;
    }

    /**
     * Creates or updates the leads remotely. Must be idempotent per {@link Delivery#idempotencyKey()}:
     * upsert by it where the destination has an external id, else update {@link Delivery#remoteId()}
     * when it is known.
     *
     * <p>A failure of the whole call (401 after a token refresh, 429, 5xx, an answer that cannot be
     * read) throws {@link RemoteCallException}; failures of single records are results.
     *
     * @return one result per delivery, in the same order
     */
    List<DeliveryResult> deliver(List<Delivery> batch);

    @Override
    void close();
}

package io.kehu.api.spi;

/**
 * The outcome of one delivery.
 *
 * @param outcome   created, updated or failed
 * @param remoteId  the destination's record id, when known
 * @param retryable for failures: whether trying again later can succeed
 * @param message   the destination's message, free of secrets
 */
public record DeliveryResult(Outcome outcome, String remoteId, boolean retryable, String message) {

    public enum Outcome {
        CREATED,
        UPDATED,
        FAILED
    }
}

package io.kehu.api.spi;

import java.time.Duration;

/**
 * The outcome of one delivery.
 *
 * @param outcome    created, updated or failed
 * @param remoteId   the destination's record id, when known
 * @param retryable  for failures: whether trying again later can succeed
 * @param code       the destination's own error code (e.g. {@code REQUIRED_FIELD_MISSING}, {@code 20016}), or null
 * @param message    the destination's message, free of secrets
 * @param retryAfter for retryable failures: how long the destination asked us to wait, or null
 */
public record DeliveryResult(Outcome outcome, String remoteId, boolean retryable, String code, String message,
        Duration retryAfter) {

    public enum Outcome {
        CREATED,
        UPDATED,
        FAILED
    }

    public static DeliveryResult created(String remoteId) {
        return new DeliveryResult(Outcome.CREATED, remoteId, false, null, null, null);
    }

    public static DeliveryResult updated(String remoteId) {
        return new DeliveryResult(Outcome.UPDATED, remoteId, false, null, null, null);
    }

    /** The destination refused this record for good (a validation error): it goes to the dead letters. */
    public static DeliveryResult rejected(String code, String message) {
        return new DeliveryResult(Outcome.FAILED, null, false, code, message, null);
    }

    /** This record failed in a way that may pass; {@code retryAfter} may be null. */
    public static DeliveryResult retry(String code, String message, Duration retryAfter) {
        return new DeliveryResult(Outcome.FAILED, null, true, code, message, retryAfter);
    }

    public boolean succeeded() {
        return outcome != Outcome.FAILED;
    }
}

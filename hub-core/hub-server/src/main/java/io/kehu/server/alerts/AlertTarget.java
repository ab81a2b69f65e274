package io.kehu.server.alerts;

import io.kehu.search.AlertDoc;
import java.util.List;

/** A place alerts are sent to. Implementations never throw and never put a secret into a result. */
public interface AlertTarget {

    /** Unique among the configured targets; stored with each delivery. */
    String name();

    String type();

    SendResult send(AlertDoc alert);

    /** How many alerts of one kind one message may carry; above one, several go as a digest. */
    default int maxPerMessage() {
        return 1;
    }

    /** Sends 2 to {@link #maxPerMessage()} alerts of one kind as one message. */
    default SendResult send(List<AlertDoc> alerts) {
        throw new UnsupportedOperationException(type() + " sends one alert per message");
    }

    /**
     * The outcome of one send.
     *
     * @param error a short classification (vendor code, HTTP status, exception type) or null
     */
    record SendResult(Outcome outcome, String error) {

        public enum Outcome {
            SENT,
            /** Failed in a way that may pass: counts as an attempt, retried with backoff. */
            RETRY,
            /** Not tried: the target's own rate limit is spent. Not an attempt. */
            DEFER,
            /** Refused for good: retrying cannot help. */
            FAILED
        }

        public static SendResult sent() {
            return new SendResult(Outcome.SENT, null);
        }

        public static SendResult retry(String error) {
            return new SendResult(Outcome.RETRY, error);
        }

        public static SendResult defer() {
            return new SendResult(Outcome.DEFER, "local rate limit");
        }

        public static SendResult failed(String error) {
            return new SendResult(Outcome.FAILED, error);
        }
    }
}

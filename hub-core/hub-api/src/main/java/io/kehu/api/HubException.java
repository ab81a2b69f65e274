package io.kehu.api;

/**
 * The one root of the hub's exceptions. It knows whether a retry can help and carries a message
 * fit to show a user: it must never contain a secret or unmasked personal data.
 */
public class HubException extends RuntimeException {

    /** What kind of failure this is, which decides retrying and who has to act. */
    public enum Kind {
        /** The user's configuration is wrong; retrying cannot help until it is changed. */
        CONFIGURATION(false),
        /** The input record or file is malformed; it is reported, never retried. */
        INVALID_INPUT(false),
        /** A remote system failed in a way that may pass (timeouts, 5xx, rate limits). */
        REMOTE_RETRYABLE(true),
        /** A remote system refused the request for good (validation, permission). */
        REMOTE_PERMANENT(false),
        /** A defect in the hub or a plugin. */
        BUG(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;

    public HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    public static HubException configuration(String message) {
        return new HubException(Kind.CONFIGURATION, message);
    }

    public static HubException invalidInput(String message) {
        return new HubException(Kind.INVALID_INPUT, message);
    }

    public static HubException retryable(String message, Throwable cause) {
        return new HubException(Kind.REMOTE_RETRYABLE, message, cause);
    }
}

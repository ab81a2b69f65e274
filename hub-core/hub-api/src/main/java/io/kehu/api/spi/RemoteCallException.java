package io.kehu.api.spi;

import io.kehu.api.HubException;

import java.time.Duration;

/**
 * A call to a remote system failed as a whole. Carries what the hub needs to schedule a retry: the
 * HTTP status, the vendor's error code and how long the remote asked us to wait.
 */
public class RemoteCallException extends HubException {

    private final int status;
    private final String code;
    private final Duration retryAfter;

    public RemoteCallException(Kind kind, String message, int status, String code, Duration retryAfter, Throwable cause) {
        super(kind, message, cause);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** A failure that may pass: 429, 5xx, timeouts, vendor "busy" codes. */
    public static RemoteCallException retryable(String message, int status, String code, Duration retryAfter) {
        return new RemoteCallException(Kind.REMOTE_RETRYABLE, message, status, code, retryAfter, null);
    }

    /** A refusal that will not pass by itself: bad credentials after a refresh, permissions, bad requests. */
    public static RemoteCallException permanent(String message, int status, String code) {
        return new RemoteCallException(Kind.REMOTE_PERMANENT, message, status, code, null, null);
    }

    /** HTTP status of the answer, or 0 when there was none (timeout, connection refused). */
    public int status() {
        return status;
    }

    /** The vendor's error code, or null. */
    public String code() {
        return code;
    }

    /** How long the remote asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

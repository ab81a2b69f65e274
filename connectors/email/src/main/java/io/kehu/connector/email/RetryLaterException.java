package io.kehu.connector.email;

import io.kehu.api.HubException;

/**
 * Fails a mail's exchange so that camel-mail leaves the mail unread for the next poll. Camel logs
 * a failed exchange with its exception at WARN on every poll; this one carries the reason in its
 * message and no stack trace, so an unavailable store costs one log line per mail and poll, not a
 * page of frames.
 */
final class RetryLaterException extends HubException {

    RetryLaterException(String message) {
        super(Kind.REMOTE_RETRYABLE, message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package io.kehu.connector.webform;

/**
 * A body this instance cannot read (bad JSON, a cut-off multipart body) or cannot use (no phone or
 * e-mail after mapping). Its message is fit for a problem detail: it never quotes submitted values.
 */
final class BadBodyException extends RuntimeException {

    private final int status;

    BadBodyException(String message) {
        this(400, message);
    }

    BadBodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with: 400, or 415 for a media type no parser reads. */
    int status() {
        return status;
    }
}

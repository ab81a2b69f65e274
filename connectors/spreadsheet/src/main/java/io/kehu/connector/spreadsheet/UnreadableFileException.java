package io.kehu.connector.spreadsheet;

import io.kehu.api.HubException;

/** The file as a whole cannot be imported; the message says why and is shown to the user. */
final class UnreadableFileException extends HubException {

    UnreadableFileException(String message) {
        super(Kind.INVALID_INPUT, message);
    }

    UnreadableFileException(String message, Throwable cause) {
        super(Kind.INVALID_INPUT, message, cause);
    }
}

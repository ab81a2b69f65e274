package io.kehu.server.connectors;

import io.kehu.api.HubException;

/** The thing asked for does not exist; answered with 404. */
public class NotFoundException extends HubException {

    public NotFoundException(String message) {
        super(Kind.INVALID_INPUT, message);
    }
}

package io.kehu.server.merges;

import io.kehu.api.HubException;

/** A merge that cannot be undone as asked, or not now; answered with 409 and what to do first. */
public final class MergeUndoException extends HubException {

    public MergeUndoException(String message) {
        super(Kind.CONFIGURATION, message);
    }
}

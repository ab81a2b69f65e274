package io.kehu.api.spi;

import io.kehu.api.HubException;
import java.nio.file.Path;

/** A running source connector instance. */
public interface SourceTask extends AutoCloseable {

    /** Whether files can be pushed to this instance through the hub's upload endpoint. */
    default boolean acceptsUploads() {
        return false;
    }

    /**
     * Imports an uploaded file synchronously, streaming it. The hub has stored the upload in a
     * file of its own and deletes it after this returns.
     *
     * @param fileName the name the user uploaded it under
     * @param file     the stored content
     * @return the final report of the import
     */
    default ImportReport upload(String fileName, Path file) {
        throw new HubException(HubException.Kind.CONFIGURATION, "This connector does not accept uploads");
    }

    /** The handler of {@code /hooks/{instanceId}/…}, when this instance receives callbacks or form posts. */
    default WebhookHandler webhook() {
        return null;
    }

    /** The processor of this instance's {@link SourceContext#work() work queue}, when it uses one. */
    default WorkHandler workHandler() {
        return null;
    }

    /**
     * Processes a dead letter again, typically after the cause was fixed (a mapping, a mailbox).
     * Returns normally when it succeeded; throws {@link HubException} when it failed again.
     */
    default void replay(DeadLetter letter) {
        throw new HubException(HubException.Kind.CONFIGURATION, "This connector cannot replay dead letters");
    }

    /** Stops polling and releases resources. Routes added through the context are removed by the hub. */
    @Override
    void close();
}

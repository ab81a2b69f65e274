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

    /** Stops polling and releases resources. Routes added through the context are removed by the hub. */
    @Override
    void close();
}

package io.kehu.api.spi;

import io.kehu.api.HubException;
import java.io.InputStream;

/** A running source connector instance. */
public interface SourceTask extends AutoCloseable {

    /** Whether files can be pushed to this instance through the hub's upload endpoint. */
    default boolean acceptsUploads() {
        return false;
    }

    /**
     * Imports an uploaded file synchronously, streaming it; the hub has already stored it, so
     * the stream may be read only once.
     *
     * @return the id of the import, whose report the hub serves
     */
    default String upload(String fileName, InputStream content) {
        throw new HubException(HubException.Kind.CONFIGURATION, "This connector does not accept uploads");
    }

    /** Stops polling and releases resources. Routes added through the context are removed by the hub. */
    @Override
    void close();
}

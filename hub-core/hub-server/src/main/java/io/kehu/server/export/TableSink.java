package io.kehu.server.export;

import java.io.IOException;
import java.util.List;

/** Where an export's rows go, one at a time: a CSV or XLSX stream that never holds the whole table. */
interface TableSink extends AutoCloseable {

    void row(List<String> cells) throws IOException;

    /** Ends the file; the stream it writes to stays open (the web container closes it). */
    @Override
    void close() throws IOException;
}

package io.kehu.connector.spreadsheet;

import java.io.Closeable;
import java.io.IOException;

/** Streams the rows of one sheet, one at a time: nothing is collected, so memory stays flat for any row count. */
interface RowReader extends Closeable {

    /**
     * The next row, or null at the end. A row that cannot be read comes back with an error; an
     * exception means the file as a whole cannot be read any further.
     */
    SheetRow next() throws IOException;
}

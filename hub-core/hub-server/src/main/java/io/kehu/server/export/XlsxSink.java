package io.kehu.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * XLSX streamed with fastexcel: every cell an inline text string (no shared-string table that grows with the
 * export, and no number conversion: {@code +8613900138000} stays a phone), rows flushed every {@link #FLUSH_EVERY}.
 * The first row is the header, bold and frozen.
 */
final class XlsxSink implements TableSink {

    private static final int FLUSH_EVERY = 1000;

    private final Workbook workbook;
    private final Worksheet sheet;
    private int row;

    XlsxSink(OutputStream stream, String sheetName) {
        this.workbook = new Workbook(stream, "Kehu Hub", "1.0");
        this.sheet = workbook.newWorksheet(sheetName);
        sheet.freezePane(0, 1);
    }

    @Override
    public void row(List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            sheet.inlineString(row, c, cells.get(c));
        }
        if (row == 0) {
            sheet.range(0, 0, 0, cells.size() - 1).style().bold().set();
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void close() throws IOException {
        workbook.finish();
    }
}

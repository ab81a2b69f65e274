package io.kehu.connector.spreadsheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes test files: CSV text in a given character set, XLSX through fastexcel's writer. */
final class TestSheets {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TestSheets() {
    }

    static Path csv(Path dir, String name, Charset charset, String text) {
        return write(dir.resolve(name), new byte[0], text.getBytes(charset));
    }

    static Path csvWithBom(Path dir, String name, Charset charset, byte[] bom, String text) {
        return write(dir.resolve(name), bom, text.getBytes(charset));
    }

    private static Path write(Path file, byte[] bom, byte[] body) {
        try {
            Files.createDirectories(file.getParent());
            byte[] all = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, all, 0, bom.length);
            System.arraycopy(body, 0, all, bom.length, body.length);
            return Files.write(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook with one sheet per name; {@code fill} writes the sheet at the same index. */
    @SafeVarargs
    static Path xlsx(Path file, String[] sheetNames, Consumer<Worksheet>... fill) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                Workbook wb = new Workbook(out, "kehu-test", "1.0");
                for (int i = 0; i < sheetNames.length; i++) {
                    Worksheet ws = wb.newWorksheet(sheetNames[i]);
                    fill[i].accept(ws);
                }
                wb.finish();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void row(Worksheet ws, int row, Object... values) {
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v instanceof String s) {
                ws.value(row, c, s);
            } else if (v instanceof Number n) {
                ws.value(row, c, n);
            } else if (v instanceof java.time.LocalDate d) {
                ws.value(row, c, d);
                ws.style(row, c).format("yyyy-mm-dd").set();
            } else if (v instanceof java.time.LocalDateTime t) {
                ws.value(row, c, t);
                ws.style(row, c).format("yyyy/m/d h:mm").set();
            } else if (v != null) {
                throw new IllegalArgumentException("unsupported test value " + v.getClass());
            }
        }
    }
}

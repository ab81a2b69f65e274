package io.kehu.connector.spreadsheet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Streams the rows of one XLSX sheet with fastexcel-reader: the sheet's XML is parsed as it is
 * read, so memory does not grow with the number of rows. (The workbook's shared-strings table is
 * held by the library, as by every XLSX reader.) Numbers become plain text ({@code 13800138000},
 * never {@code 1.3800138E10}; {@code 12.0} becomes {@code 12}); date-formatted numbers become ISO
 * dates, or ISO date-times when they carry a time of day.
 */
final class XlsxRowReader implements RowReader {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;

    private XlsxRowReader(ReadableWorkbook workbook, Stream<Row> stream) {
        this.workbook = workbook;
        this.stream = stream;
        this.rows = stream.iterator();
    }

    /**
     * @param sheet the sheet's name or 1-based position, or null for the first sheet
     * @throws UnreadableFileException when the file is no workbook or has no such sheet
     */
    static XlsxRowReader open(Path file, String sheet) throws IOException {
        ReadableWorkbook workbook;
        try {
            // With cell formats, to recognise dates; with parse errors kept in the cell, so one bad cell rejects one row.
            workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, true));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException("The file is not a readable XLSX workbook; save it again as .xlsx or CSV", e);
        }
        try {
            Sheet chosen = choose(workbook, sheet);
            return new XlsxRowReader(workbook, chosen.openStream());
        } catch (IOException | RuntimeException e) {
            workbook.close();
            if (e instanceof UnreadableFileException u) {
                throw u;
            }
            throw new UnreadableFileException("The sheet cannot be read; save the workbook again as .xlsx or CSV", e);
        }
    }

    private static Sheet choose(ReadableWorkbook workbook, String sheet) {
        if (sheet == null || sheet.isBlank()) {
            return workbook.getFirstSheet();
        }
        Optional<Sheet> found = workbook.findSheet(sheet);
        if (found.isEmpty() && sheet.matches("\\d+")) {
            found = workbook.getSheet(Integer.parseInt(sheet) - 1);
        }
        return found.orElseThrow(() -> new UnreadableFileException("The workbook has no sheet '" + sheet
                + "'; its sheets are: " + String.join(", ", workbook.getSheets().map(Sheet::getName).toList())));
    }

    @Override
    public SheetRow next() throws IOException {
        Row row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ExcelReaderException e) {
            throw new IOException("The sheet's XML cannot be read", e);
        }
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            try {
                String text = text(cell);
                if (text == null) {
                    return SheetRow.unreadable(row.getRowNum(), "cell " + cell.getAddress() + " cannot be read");
                }
                cells.add(text);
            } catch (RuntimeException e) {
                return SheetRow.unreadable(row.getRowNum(), "cell " + (cell == null ? "#" + (i + 1) : cell.getAddress()) + " cannot be read");
            }
        }
        return new SheetRow(row.getRowNum(), cells, null);
    }

    /** The cell as text; null when it cannot be read. */
    static String text(Cell cell) {
        if (cell == null || cell.getType() == CellType.EMPTY || cell.getValue() == null && cell.getType() != CellType.ERROR) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> number(cell);
            case FORMULA -> cell.getValue() instanceof BigDecimal ? number(cell) : cell.getValue().toString();
            case BOOLEAN -> ((Boolean) cell.getValue()) ? "TRUE" : "FALSE";
            case STRING -> cell.getValue().toString();
            // An error the sheet itself shows (#N/A, #REF!) is no value; anything else failed to parse.
            case ERROR -> cell.getRawValue() != null && cell.getRawValue().startsWith("#") ? "" : null;
            default -> cell.getRawValue() == null ? "" : cell.getRawValue();
        };
    }

    private static String number(Cell cell) {
        if (ExcelDates.isDateFormat(cell.getDataFormatId(), cell.getDataFormatString())) {
            LocalDateTime t = cell.asDate().plusNanos(500_000_000).truncatedTo(ChronoUnit.SECONDS);
            return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : DATE_TIME.format(t);
        }
        return plain((BigDecimal) cell.getValue());
    }

    /** {@code 13800138000} for 1.3800138E10, {@code 12} for 12.0, {@code 0.5} for 0.50. */
    static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            workbook.close();
        }
    }
}

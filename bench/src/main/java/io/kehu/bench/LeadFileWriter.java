package io.kehu.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a {@link LeadGenerator}'s rows to a CSV file (UTF-8, no byte order mark) and/or an XLSX file in one pass,
 * streaming both: the XLSX sheet is flushed every {@value #FLUSH_EVERY} rows, and phones and e-mails, unique per
 * person, are inline strings rather than entries of the shared-string table, which would otherwise grow with the
 * file.
 */
public final class LeadFileWriter {

    private static final int FLUSH_EVERY = 1000;

    private LeadFileWriter() {
    }

    /**
     * @param csv  the CSV file to write, or null
     * @param xlsx the XLSX file to write, or null
     * @return the number of data rows written
     */
    public static long write(LeadGenerator generator, Path csv, Path xlsx) {
        try (BufferedWriter csvOut = csv == null ? null : Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter printer = csvOut == null ? null : new CSVPrinter(csvOut, CSVFormat.RFC4180);
             OutputStream xlsxOut = xlsx == null ? null : Files.newOutputStream(xlsx)) {
            Workbook workbook = xlsxOut == null ? null : new Workbook(xlsxOut, "KehuBench", "1.0");
            Worksheet sheet = workbook == null ? null : workbook.newWorksheet("线索");
            if (printer != null) {
                printer.printRecord(LeadGenerator.HEADERS);
            }
            if (sheet != null) {
                for (int c = 0; c < LeadGenerator.HEADERS.size(); c++) {
                    sheet.value(0, c, LeadGenerator.HEADERS.get(c));
                }
            }
            long[] count = {0};
            generator.forEachRow(row -> {
                try {
                    if (printer != null) {
                        printer.printRecord(row.cells());
                    }
                    if (sheet != null) {
                        writeRow(sheet, (int) (count[0] + 1), row);
                        if ((count[0] + 1) % FLUSH_EVERY == 0) {
                            sheet.flush();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
            if (workbook != null) {
                workbook.finish();
            }
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the lead files", e);
        }
    }

    private static void writeRow(Worksheet sheet, int r, LeadRow row) {
        sheet.value(r, 0, row.name());
        if (!row.phone().isEmpty()) {
            sheet.inlineString(r, 1, row.phone());
        }
        if (!row.email().isEmpty()) {
            sheet.inlineString(r, 2, row.email());
        }
        sheet.value(r, 3, row.company());
        sheet.value(r, 4, row.title());
        sheet.value(r, 5, row.source());
        if (!row.tags().isEmpty()) {
            sheet.value(r, 6, row.tags());
        }
    }
}

package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeadFileWriterTest {

    @TempDir
    Path dir;

    @Test
    void csvAndXlsxHoldTheHeaderAndTheGeneratedRowsAsText() throws IOException {
        LeadGenerator generator = new LeadGenerator(3, 2_500);
        List<List<String>> expected = new ArrayList<>();
        generator.forEachRow(r -> expected.add(r.cells()));

        long written = LeadFileWriter.write(generator, dir.resolve("leads.csv"), dir.resolve("leads.xlsx"));

        assertThat(written).isEqualTo(2_500);
        assertThat(readCsv(dir.resolve("leads.csv"))).containsExactlyElementsOf(withHeader(expected));
        // Read with the reader the spreadsheet connector uses: inline strings and shared strings alike.
        assertThat(readXlsx(dir.resolve("leads.xlsx"))).containsExactlyElementsOf(withHeader(expected));
    }

    @Test
    void csvIsUtf8WithoutByteOrderMark() throws IOException {
        LeadFileWriter.write(new LeadGenerator(3, 10), dir.resolve("leads.csv"), null);

        byte[] bytes = Files.readAllBytes(dir.resolve("leads.csv"));
        assertThat(bytes[0]).isNotEqualTo((byte) 0xEF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("姓名,手机,邮箱,公司,职位,来源,标签\r\n");
    }

    private static List<List<String>> withHeader(List<List<String>> rows) {
        return Stream.concat(Stream.of(LeadGenerator.HEADERS), rows.stream()).toList();
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(reader).stream().map(CSVRecord::toList).toList();
        }
    }

    private static List<List<String>> readXlsx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ReadableWorkbook workbook = new ReadableWorkbook(in);
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            return rows.map(row -> {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < LeadGenerator.HEADERS.size(); c++) {
                    cells.add(row.getCellText(c));
                }
                return cells;
            }).toList();
        }
    }
}

package io.kehu.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private static List<SheetRow> read(String text, char delimiter) throws IOException {
        List<SheetRow> rows = new ArrayList<>();
        try (CsvRowReader r = new CsvRowReader(new StringReader(text), delimiter)) {
            SheetRow row;
            while ((row = r.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void splitsQuotedFieldsWithDelimitersAndEscapedQuotes() throws Exception {
        assertThat(CsvRowReader.split("a,\"b, c\",\"say \"\"hi\"\"\",", ','))
                .containsExactly("a", "b, c", "say \"hi\"", "");
        assertThat(CsvRowReader.split("", ',')).containsExactly("");
        assertThat(CsvRowReader.split("张三, \"北京, 朝阳\" ,x", ',')).containsExactly("张三", "北京, 朝阳", "x");
        assertThat(CsvRowReader.split("5\" screen,x", ',')).containsExactly("5\" screen", "x");
    }

    @Test
    void reportsTextAfterAClosingQuoteWithoutEchoingTheValue() {
        assertThatThrownBy(() -> CsvRowReader.split("a,\"13800138000\"x,c", ','))
                .isInstanceOf(CsvRowReader.MalformedRecordException.class)
                .hasMessage("text follows the closing quote of column 2");
    }

    @Test
    void keepsLineBreaksInsideQuotedFieldsAndCountsTheRecordOnce() throws Exception {
        List<SheetRow> rows = read("name,notes\r\nA,\"line one\r\nline two\"\r\nB,x\r\n", ',');

        assertThat(rows).extracting(SheetRow::number).containsExactly(1L, 2L, 3L);
        assertThat(rows.get(1).cells()).containsExactly("A", "line one\nline two");
        assertThat(rows.get(2).cells()).containsExactly("B", "x");
    }

    @Test
    void anUnclosedQuoteRejectsOnlyItsOwnRecordAndReadingGoesOn() throws Exception {
        List<SheetRow> rows = read("name,phone\nA,1\nB,\"2\nC,3\nD,4\n", ',');

        assertThat(rows).extracting(SheetRow::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows.get(2).error()).contains("quoted field is not closed");
        assertThat(rows.get(3).cells()).containsExactly("C", "3");
        assertThat(rows.get(4).cells()).containsExactly("D", "4");
    }

    @Test
    void anUnclosedQuoteWhoseLaterQuoteDoesNotFitIsStillOnlyOneBadRecord() throws Exception {
        List<SheetRow> rows = read("name,phone\nB,\"2\nC,\"3\"\nD,4\n", ',');

        assertThat(rows.get(1).error()).isNotNull();
        assertThat(rows.get(2).cells()).containsExactly("C", "3");
        assertThat(rows.get(3).cells()).containsExactly("D", "4");
    }

    @Test
    void givesUpLookingForAClosingQuoteAfterALimit() throws Exception {
        StringBuilder text = new StringBuilder("name,phone\nB,\"2\n");
        for (int i = 0; i < CsvRowReader.MAX_RECORD_LINES + 20; i++) {
            text.append("P").append(i).append(",").append(i).append('\n');
        }
        List<SheetRow> rows = read(text.toString(), ',');

        assertThat(rows).hasSize(2 + CsvRowReader.MAX_RECORD_LINES + 20);
        assertThat(rows.get(1).error()).isNotNull();
        assertThat(rows.get(rows.size() - 1).cells()).containsExactly("P" + (CsvRowReader.MAX_RECORD_LINES + 19),
                Integer.toString(CsvRowReader.MAX_RECORD_LINES + 19));
    }

    @Test
    void countsBlankLinesAsRowsAndHandlesEveryLineEnding() throws Exception {
        List<SheetRow> rows = read("h\r\n\r\na\rb\n\nc", ',');

        assertThat(rows).extracting(SheetRow::number).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(rows.get(1).blank()).isTrue();
        assertThat(rows.get(4).blank()).isTrue();
        assertThat(rows.get(5).cells()).containsExactly("c");
    }

    @Test
    void readsOtherDelimiters() throws Exception {
        assertThat(read("a\tb\t\"c\td\"\n", '\t').get(0).cells()).containsExactly("a", "b", "c\td");
        assertThat(read("a;b|c\n", ';').get(0).cells()).containsExactly("a", "b|c");
    }

    @Test
    void sniffsTheMostFrequentDelimiterOutsideQuotes() {
        assertThat(CsvRowReader.mostFrequentDelimiter("姓名,手机,邮箱")).isEqualTo(',');
        assertThat(CsvRowReader.mostFrequentDelimiter("Name;Phone;\"Notes, misc\"")).isEqualTo(';');
        assertThat(CsvRowReader.mostFrequentDelimiter("Name\tPhone\tEmail")).isEqualTo('\t');
        assertThat(CsvRowReader.mostFrequentDelimiter("Name|Phone|Email")).isEqualTo('|');
        assertThat(CsvRowReader.mostFrequentDelimiter("Phone")).isEqualTo(',');
    }
}

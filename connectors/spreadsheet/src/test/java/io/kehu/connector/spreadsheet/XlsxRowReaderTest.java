package io.kehu.connector.spreadsheet;

import static io.kehu.connector.spreadsheet.TestSheets.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxRowReaderTest {

    @TempDir
    Path dir;

    private static List<SheetRow> read(Path file, String sheet) throws IOException {
        List<SheetRow> rows = new ArrayList<>();
        try (XlsxRowReader r = XlsxRowReader.open(file, sheet)) {
            SheetRow row;
            while ((row = r.next()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void turnsNumbersIntoPlainTextAndDatesIntoIsoText() throws Exception {
        Path file = TestSheets.xlsx(dir.resolve("leads.xlsx"), new String[] {"Leads"}, ws -> {
            row(ws, 0, "姓名", "手机", "日期", "时间", "数量", "比例");
            row(ws, 1, "张三", 13800138000L, LocalDate.of(2024, 3, 5), LocalDateTime.of(2024, 3, 5, 14, 30), 12.0, 0.25);
        });

        List<SheetRow> rows = read(file, null);

        assertThat(rows.get(1).number()).isEqualTo(2);
        assertThat(rows.get(1).cells()).containsExactly("张三", "13800138000", "2024-03-05", "2024-03-05T14:30:00", "12", "0.25");
    }

    @Test
    void numbersRowsAsTheSheetDoesSkippingRowsThatAreNotThere() throws Exception {
        Path file = TestSheets.xlsx(dir.resolve("gaps.xlsx"), new String[] {"S"}, ws -> {
            row(ws, 0, "Phone");
            row(ws, 4, "13800138000");
        });

        assertThat(read(file, null)).extracting(SheetRow::number).containsExactly(1L, 5L);
    }

    @Test
    void choosesASheetByNameOrPosition() throws Exception {
        Path file = TestSheets.xlsx(dir.resolve("two.xlsx"), new String[] {"说明", "客户"},
                ws -> row(ws, 0, "readme"), ws -> row(ws, 0, "手机"));

        assertThat(read(file, "客户").get(0).cells()).containsExactly("手机");
        assertThat(read(file, "2").get(0).cells()).containsExactly("手机");
        assertThat(read(file, null).get(0).cells()).containsExactly("readme");
        assertThatThrownBy(() -> read(file, "Leads"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("no sheet 'Leads'").hasMessageContaining("说明, 客户");
    }

    @Test
    void refusesAFileThatIsNoWorkbook() {
        Path file = TestSheets.csv(dir, "fake.xlsx", java.nio.charset.StandardCharsets.UTF_8, "Phone\n1\n");

        assertThatThrownBy(() -> read(file, null)).isInstanceOf(UnreadableFileException.class).hasMessageContaining("not a readable XLSX");
    }

    @Test
    void writesNumbersWithoutExponentOrTrailingZeros() {
        assertThat(XlsxRowReader.plain(new BigDecimal("1.3800138E10"))).isEqualTo("13800138000");
        assertThat(XlsxRowReader.plain(new BigDecimal("12.0"))).isEqualTo("12");
        assertThat(XlsxRowReader.plain(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(XlsxRowReader.plain(new BigDecimal("-1.50"))).isEqualTo("-1.5");
    }

    @Test
    void recognisesDateFormats() {
        assertThat(ExcelDates.isDateFormat(14, null)).isTrue();
        assertThat(ExcelDates.isDateFormat(31, null)).isTrue();
        assertThat(ExcelDates.isDateFormat(170, "[$-804]yyyy\"年\"m\"月\"d\"日\"")).isTrue();
        assertThat(ExcelDates.isDateFormat(171, "h:mm AM/PM")).isTrue();
        assertThat(ExcelDates.isDateFormat(0, "General")).isFalse();
        assertThat(ExcelDates.isDateFormat(172, "\"¥\"#,##0.00;[Red]\"¥\"\\-#,##0.00")).isFalse();
        assertThat(ExcelDates.isDateFormat(173, "0.00E+00")).isFalse();
        assertThat(ExcelDates.isDateFormat(174, "[h]:mm:ss")).isFalse();
    }
}

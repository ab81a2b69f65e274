package io.kehu.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSinkTest {

    @Test
    void cellsASpreadsheetWouldRunAsFormulasGetAnApostrophe() {
        assertThat(CsvSink.neutralized("=1+1")).isEqualTo("'=1+1");
        assertThat(CsvSink.neutralized("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvSink.neutralized("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvSink.neutralized("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvSink.neutralized("\tx")).isEqualTo("'\tx");
    }

    @Test
    void phonesNumbersAndOrdinaryTextStayAsTheyAre() {
        assertThat(CsvSink.neutralized("+8613900138000")).isEqualTo("+8613900138000");
        assertThat(CsvSink.neutralized("-5")).isEqualTo("-5");
        assertThat(CsvSink.neutralized("陈静")).isEqualTo("陈静");
        assertThat(CsvSink.neutralized("a=b")).isEqualTo("a=b");
        assertThat(CsvSink.neutralized("")).isEmpty();
    }

    @Test
    void quotesCellsWithCommasQuotesAndLineBreaks() {
        assertThat(CsvSink.cell("海纳百川, 上海")).isEqualTo("\"海纳百川, 上海\"");
        assertThat(CsvSink.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvSink.cell("line1\nline2")).isEqualTo("\"line1\nline2\"");
        assertThat(CsvSink.cell("plain")).isEqualTo("plain");
    }

    @Test
    void writesABomThenCrLfRows() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvSink sink = new CsvSink(out)) {
            sink.row(List.of("姓名", "手机"));
            sink.row(List.of("陈静", "+8613900138000"));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFEFF姓名,手机\r\n陈静,+8613900138000\r\n");
    }
}

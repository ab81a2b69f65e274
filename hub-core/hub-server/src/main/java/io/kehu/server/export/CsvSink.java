package io.kehu.server.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel opens Chinese text correctly. Cells come from leads
 * that anyone could type into a web form, so a cell that a spreadsheet would run as a formula ({@code =}, {@code +},
 * {@code -}, {@code @}, tab or carriage return first) gets a leading apostrophe (OWASP "CSV injection"); a plain
 * number such as an E.164 phone is left alone, as a spreadsheet computes nothing from it.
 */
final class CsvSink implements TableSink {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9][0-9 ]*");

    private final Writer out;

    CsvSink(OutputStream stream) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        out.write('\uFEFF');
    }

    @Override
    public void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    static String cell(String value) {
        String v = neutralized(value);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String neutralized(String v) {
        if (v.isEmpty()) {
            return v;
        }
        char first = v.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula && !PLAIN_NUMBER.matcher(v).matches() ? "'" + v : v;
    }
}

package io.kehu.connector.spreadsheet;

import io.kehu.api.spi.ImportReport;
import java.time.Instant;
import java.util.List;

/**
 * Writes an import report as JSON, for the {@code <name>.report.json} kept beside a failed file.
 * Plugins get no JSON library from the hub, and this one small shape does not warrant shading one.
 */
final class ImportReportJson {

    private ImportReportJson() {
    }

    static String toJson(ImportReport r) {
        StringBuilder out = new StringBuilder(512);
        out.append("{\n");
        field(out, "id", r.id());
        field(out, "connectorId", r.connectorId());
        field(out, "fileName", r.fileName());
        field(out, "checksum", r.checksum());
        field(out, "status", r.status());
        number(out, "rowsRead", r.rowsRead());
        number(out, "imported", r.imported());
        number(out, "created", r.created());
        number(out, "merged", r.merged());
        number(out, "rejectedCount", r.rejectedCount());
        out.append("  \"rejected\": [");
        List<ImportReport.RejectedRow> rejected = r.rejected();
        for (int i = 0; i < rejected.size(); i++) {
            ImportReport.RejectedRow row = rejected.get(i);
            out.append(i == 0 ? "\n" : ",\n").append("    {\"row\": ").append(row.row()).append(", \"reason\": ");
            string(out, row.reason());
            out.append('}');
        }
        out.append(rejected.isEmpty() ? "],\n" : "\n  ],\n");
        field(out, "error", r.error());
        field(out, "startedAt", instant(r.startedAt()));
        out.append("  \"finishedAt\": ");
        string(out, instant(r.finishedAt()));
        out.append("\n}\n");
        return out.toString();
    }

    private static String instant(Instant i) {
        return i == null ? null : i.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  \"").append(name).append("\": ");
        string(out, value);
        out.append(",\n");
    }

    private static void number(StringBuilder out, String name, long value) {
        out.append("  \"").append(name).append("\": ").append(value).append(",\n");
    }

    /** A JSON string literal (or null), escaping quotes, backslashes and every control character. */
    static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript that evals it; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

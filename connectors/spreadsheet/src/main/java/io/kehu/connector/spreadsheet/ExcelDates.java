package io.kehu.connector.spreadsheet;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells whether an XLSX number format shows a date or time. Excel stores dates as numbers; only
 * the cell's format says it is one.
 */
final class ExcelDates {

    /** Quoted literals, escaped characters and bracketed sections ([Red], [$-804], [h]) carry no date part. */
    private static final Pattern NOT_DATE_PARTS = Pattern.compile("\"[^\"]*\"|\\\\.|\\[[^]]*]|_.|\\*.");

    private ExcelDates() {
    }

    static boolean isDateFormat(Integer formatId, String format) {
        if (formatId != null && isBuiltInDate(formatId)) {
            return true;
        }
        if (format == null || format.isBlank()) {
            return false;
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("general") || f.equals("@")) {
            return false;
        }
        // Elapsed-time formats such as [h]:mm are durations, not points in time.
        if (f.matches(".*\\[(h+|m+|s+)].*")) {
            return false;
        }
        String parts = NOT_DATE_PARTS.matcher(f).replaceAll("");
        for (int i = 0; i < parts.length(); i++) {
            char c = parts.charAt(i);
            if (c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's') {
                return true;
            }
        }
        return false;
    }

    /** The built-in date formats, including those Chinese, Japanese and Korean Excel uses (27–36, 50–58). */
    private static boolean isBuiltInDate(int id) {
        return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58;
    }
}

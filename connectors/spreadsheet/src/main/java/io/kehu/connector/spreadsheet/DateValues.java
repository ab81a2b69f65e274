package io.kehu.connector.spreadsheet;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates people write in lead sheets: {@code 2024-03-05}, {@code 2024/3/5 14:30},
 * {@code 2024.03.05}, {@code 2024年3月5日 14时30分}, ISO date-times with or without an offset.
 * Day-first and month-first forms such as {@code 05/03/2024} are ambiguous and not guessed.
 */
final class DateValues {

    private static final Pattern LOCAL = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?"
                    + "(?:[\\sT]+(\\d{1,2})\\s*[:时点]\\s*(\\d{1,2})\\s*分?(?:\\s*[:]?\\s*(\\d{1,2})\\s*秒?(?:\\.\\d+)?)?)?");

    private DateValues() {
    }

    /** The instant a cell's text means, local times taken in {@code zone}; null when it is no date. */
    static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFKC);
        if (s.indexOf('T') > 0 && (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:?\\d{2}$"))) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                // not ISO with an offset; try the local forms
            }
        }
        Matcher m = LOCAL.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            return t.atZone(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }
}

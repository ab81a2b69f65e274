package io.kehu.server.funnel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open period {@code [since, until)} from ISO-8601 query parameters. A date-time needs an
 * offset ({@code 2026-05-01T08:00:00+08:00}); a bare date is a whole day in UTC, so
 * {@code since=2026-05-01&until=2026-05-31} covers all of May.
 */
public record Period(Instant since, Instant until) {

    public static Period parse(String since, String until, Clock clock, Duration defaultLength) {
        Instant end = blank(until) ? clock.instant() : instant(until, "until", true);
        Instant start = blank(since) ? end.minus(defaultLength) : instant(since, "since", false);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("'since' must be before 'until'");
        }
        return new Period(start, end);
    }

    private static Instant instant(String value, String name, boolean endOfDay) {
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 date (2026-05-01) or date-time "
                    + "with offset (2026-05-01T08:00:00+08:00)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package io.kehu.server.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The calls made to one destination instance on one day, and the end of the latest pause the destination asked
 * for; one record per instance, shared by every hub node.
 *
 * @param day         the day in the budget's zone the count belongs to
 * @param calls       calls counted that day, each before it was made
 * @param pausedUntil when the destination's latest whole-instance pause ends; null when it never asked for one
 */
record DailyCalls(LocalDate day, long calls, Instant pausedUntil) {

    static DailyCalls none(LocalDate day) {
        return new DailyCalls(day, 0, null);
    }

    /**
     * The count for {@code today}: this one on the same day, none on a later day. A stored day ahead of {@code today}
     * (another node's clock is ahead, or the zone changed) is kept: going back would let both days' calls through.
     */
    DailyCalls on(LocalDate today) {
        return day.isBefore(today) ? new DailyCalls(today, 0, pausedUntil) : this;
    }

    DailyCalls plusOne() {
        return new DailyCalls(day, calls + 1, pausedUntil);
    }

    DailyCalls pausedUntil(Instant until) {
        return new DailyCalls(day, calls, until);
    }

    /** The day of {@code now} in {@code zone}. */
    static LocalDate dayOf(Instant now, ZoneId zone) {
        return now.atZone(zone).toLocalDate();
    }

    /**
     * When the day after {@code day} starts in {@code zone}: usually its midnight; where a DST change skips
     * midnight, the first instant of that day (01:00).
     */
    static Instant resetAfter(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

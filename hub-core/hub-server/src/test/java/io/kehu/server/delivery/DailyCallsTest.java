package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The day a call counts for, and when the next one starts, in the budget's zone. */
class DailyCallsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    @Test
    void shanghaisDayStartsAtSixteenHundredUtcTheEveningBefore() {
        assertThat(DailyCalls.dayOf(Instant.parse("2026-11-23T15:59:59.999Z"), SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(DailyCalls.dayOf(Instant.parse("2026-11-23T16:00:00Z"), SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(DailyCalls.resetAfter(LocalDate.of(2026, 11, 23), SHANGHAI)).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
    }

    @Test
    void theSameInstantIsAnotherDayInAnotherZone() {
        Instant lateInShanghai = Instant.parse("2026-11-23T17:00:00Z");

        assertThat(DailyCalls.dayOf(lateInShanghai, SHANGHAI)).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(DailyCalls.dayOf(lateInShanghai, ZoneId.of("America/Los_Angeles"))).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void aDayEndsAtLocalMidnightOnBothSidesOfADaylightSavingChange() {
        // Berlin moves its clocks at 02:00: the day of the change is 23 or 25 hours long, and still ends at midnight.
        Instant springDayEnds = DailyCalls.resetAfter(LocalDate.of(2026, 3, 29), BERLIN);
        Instant autumnDayEnds = DailyCalls.resetAfter(LocalDate.of(2026, 10, 25), BERLIN);

        assertThat(springDayEnds).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(autumnDayEnds).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(DailyCalls.resetAfter(LocalDate.of(2026, 3, 28), BERLIN)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(DailyCalls.dayOf(springDayEnds.minusMillis(1), BERLIN)).isEqualTo(LocalDate.of(2026, 3, 29));
        assertThat(DailyCalls.dayOf(springDayEnds, BERLIN)).isEqualTo(LocalDate.of(2026, 3, 30));
    }

    @Test
    void whereDaylightSavingSkipsMidnightTheNextDayStartsAtOneOClock() {
        // Chile starts summer time at 24:00 on the first Saturday of September: 2026-09-06 has no 00:00.
        Instant next = DailyCalls.resetAfter(LocalDate.of(2026, 9, 5), SANTIAGO);

        assertThat(next.atZone(SANTIAGO).toLocalTime().getHour()).isEqualTo(1);
        assertThat(DailyCalls.dayOf(next, SANTIAGO)).isEqualTo(LocalDate.of(2026, 9, 6));
        assertThat(DailyCalls.dayOf(next.minusMillis(1), SANTIAGO)).isEqualTo(LocalDate.of(2026, 9, 5));
    }

    @Test
    void aNewDayStartsFromNoCallsAndKeepsTheDestinationsPause() {
        Instant pause = Instant.parse("2026-11-24T00:30:00Z");
        DailyCalls yesterday = new DailyCalls(LocalDate.of(2026, 11, 23), 20_000, pause);

        assertThat(yesterday.on(LocalDate.of(2026, 11, 24))).isEqualTo(new DailyCalls(LocalDate.of(2026, 11, 24), 0, pause));
        assertThat(yesterday.on(LocalDate.of(2026, 11, 23))).isSameAs(yesterday);
    }

    @Test
    void aCountStoredForALaterDayIsNeverGoneBackOn() {
        DailyCalls tomorrow = new DailyCalls(LocalDate.of(2026, 11, 24), 3, null);

        assertThat(tomorrow.on(LocalDate.of(2026, 11, 23))).as("a node whose clock is behind counts into the later day")
                .isSameAs(tomorrow);
    }
}

package io.kehu.server.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PeriodTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    @Test
    void defaultsToTheLastThirtyDays() {
        assertThat(Period.parse(null, "", CLOCK, THIRTY_DAYS)).isEqualTo(new Period(NOW.minus(THIRTY_DAYS), NOW));
    }

    @Test
    void bareDatesCoverWholeUtcDaysWithUntilInclusive() {
        Period may = Period.parse("2026-05-01", "2026-05-31", CLOCK, THIRTY_DAYS);

        assertThat(may.since()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(may.until()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void dateTimesKeepTheirOffset() {
        Period p = Period.parse("2026-05-01T00:00:00+08:00", "2026-05-02T00:00:00Z", CLOCK, THIRTY_DAYS);

        assertThat(p.since()).isEqualTo(Instant.parse("2026-04-30T16:00:00Z"));
    }

    @Test
    void sinceAloneEndsNowAndUntilAloneStartsThirtyDaysBefore() {
        assertThat(Period.parse("2026-05-20", null, CLOCK, THIRTY_DAYS).until()).isEqualTo(NOW);
        assertThat(Period.parse(null, "2026-05-31", CLOCK, THIRTY_DAYS).since())
                .isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
    }

    @Test
    void refusesUnreadableAndBackwardPeriods() {
        assertThatThrownBy(() -> Period.parse("last week", null, CLOCK, THIRTY_DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'since'");
        assertThatThrownBy(() -> Period.parse("2026-05-01T00:00:00", null, CLOCK, THIRTY_DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> Period.parse("2026-05-10", "2026-05-01", CLOCK, THIRTY_DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    }
}

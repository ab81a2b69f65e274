package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.server.connectors.DailyBudgetSettings;
import io.kehu.server.connectors.DeliveryStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Whether a destination may be called, from the day's count, its budget and the destination's pause. */
class CallGateTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    private static final Instant NOON = Instant.parse("2026-11-23T04:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-23T16:00:00Z");
    private static final DailyBudgetSettings TWO = new DailyBudgetSettings(2, SHANGHAI);

    @Test
    void callsGoWhileTheBudgetHasRoom() {
        assertThat(CallGate.decide(new DailyCalls(DAY, 0, null), TWO, NOON)).isNull();
        assertThat(CallGate.decide(new DailyCalls(DAY, 1, null), TWO, NOON)).isNull();
    }

    @Test
    void aUsedUpBudgetHoldsCallsUntilTheDayTurnsInItsZone() {
        assertThat(CallGate.decide(new DailyCalls(DAY, 2, null), TWO, NOON))
                .isEqualTo(new CallGate.Hold(DeliveryStatus.BUDGET, MIDNIGHT));
        assertThat(CallGate.decide(new DailyCalls(DAY, 2, null), new DailyBudgetSettings(2, ZoneId.of("Europe/Berlin")), NOON))
                .isEqualTo(new CallGate.Hold(DeliveryStatus.BUDGET, Instant.parse("2026-11-23T23:00:00Z")));
    }

    @Test
    void theNextDaysCountHasRoomAgain() {
        DailyCalls usedUp = new DailyCalls(DAY, 2, null);

        assertThat(CallGate.decide(usedUp.on(DailyCalls.dayOf(MIDNIGHT, SHANGHAI)), TWO, MIDNIGHT)).isNull();
        assertThat(CallGate.decide(usedUp.on(DailyCalls.dayOf(MIDNIGHT.minusMillis(1), SHANGHAI)), TWO, MIDNIGHT.minusMillis(1)))
                .isNotNull();
    }

    @Test
    void withoutABudgetNoCountHoldsCalls() {
        assertThat(CallGate.decide(new DailyCalls(DAY, 1_000_000, null), DailyBudgetSettings.NONE, NOON)).isNull();
    }

    @Test
    void aPauseTheDestinationAskedForHoldsCallsUntilItEnds() {
        Instant until = NOON.plusSeconds(120);
        DailyCalls paused = new DailyCalls(DAY, 0, until);

        assertThat(CallGate.decide(paused, DailyBudgetSettings.NONE, NOON))
                .isEqualTo(new CallGate.Hold(DeliveryStatus.VENDOR_PAUSE, until));
        assertThat(CallGate.decide(paused, DailyBudgetSettings.NONE, until)).isNull();
    }

    @Test
    void whenBothHoldTheLaterEndIsReported() {
        Instant pastMidnight = MIDNIGHT.plusSeconds(3600);

        assertThat(CallGate.decide(new DailyCalls(DAY, 2, NOON.plusSeconds(60)), TWO, NOON).reason())
                .isEqualTo(DeliveryStatus.BUDGET);
        assertThat(CallGate.decide(new DailyCalls(DAY, 2, pastMidnight), TWO, NOON))
                .isEqualTo(new CallGate.Hold(DeliveryStatus.VENDOR_PAUSE, pastMidnight));
    }
}

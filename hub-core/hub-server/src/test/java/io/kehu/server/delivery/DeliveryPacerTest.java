package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPacerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void unlimitedAndUnpausedCallsGoAtOnce() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.UNLIMITED);
        p.called(0);
        p.called(0);

        assertThat(p.waitNanos(0)).isZero();
    }

    @Test
    void aPauseHoldsEveryCallOfTheInstanceUntilItEnds() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.of(100, Duration.ofSeconds(20)));
        p.pause(10 * SECOND, Duration.ofSeconds(120));

        assertThat(p.waitNanos(10 * SECOND)).isEqualTo(120 * SECOND);
        assertThat(p.waitNanos(100 * SECOND)).isEqualTo(30 * SECOND);
        assertThat(p.waitNanos(130 * SECOND)).isZero();
    }

    @Test
    void aShorterAskNeverShortensALongerPause() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.UNLIMITED);
        p.pause(0, Duration.ofSeconds(60));
        p.pause(SECOND, Duration.ofSeconds(5));

        assertThat(p.waitNanos(10 * SECOND)).isEqualTo(50 * SECOND);
    }

    @Test
    void theRateLimitAppliesWhenNoPauseIsLonger() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.of(1, Duration.ofSeconds(2)));
        p.called(0);

        assertThat(p.waitNanos(SECOND / 2)).isEqualTo(3 * SECOND / 2);
        p.pause(SECOND / 2, Duration.ofSeconds(5));
        assertThat(p.waitNanos(SECOND / 2)).isEqualTo(5 * SECOND);
    }
}

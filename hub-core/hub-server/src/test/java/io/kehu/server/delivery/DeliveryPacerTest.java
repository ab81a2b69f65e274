package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPacerTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void unlimitedCallsGoAtOnce() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.UNLIMITED);
        p.called(0);
        p.called(0);

        assertThat(p.waitNanos(0)).isZero();
    }

    @Test
    void theNextCallWaitsUntilTheOldestOfTheWindowIsAWindowOld() {
        DeliveryPacer p = new DeliveryPacer(RateLimit.of(1, Duration.ofSeconds(2)));
        p.called(0);

        assertThat(p.waitNanos(SECOND / 2)).isEqualTo(3 * SECOND / 2);
        assertThat(p.waitNanos(2 * SECOND)).isZero();
    }
}

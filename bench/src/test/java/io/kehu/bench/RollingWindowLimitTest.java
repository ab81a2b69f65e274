package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollingWindowLimitTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void refusesTheCallOverTheLimitUntilTheOldestLeavesTheWindow() {
        RollingWindowLimit limit = new RollingWindowLimit(2, Duration.ofSeconds(10));
        assertThat(limit.admit(0)).isZero();
        assertThat(limit.admit(3 * SECOND)).isZero();
        assertThat(limit.admit(4 * SECOND)).isEqualTo(6 * SECOND);
        assertThat(limit.admit(10 * SECOND)).as("the first call is a full window old").isZero();
        assertThat(limit.admit(12 * SECOND)).isEqualTo(SECOND);
    }

    @Test
    void aRefusedCallDoesNotUseTheBudget() {
        RollingWindowLimit limit = new RollingWindowLimit(1, Duration.ofSeconds(10));
        assertThat(limit.admit(0)).isZero();
        for (int i = 1; i < 10; i++) {
            assertThat(limit.admit(i * SECOND)).isPositive();
        }
        assertThat(limit.admit(10 * SECOND)).isZero();
    }
}

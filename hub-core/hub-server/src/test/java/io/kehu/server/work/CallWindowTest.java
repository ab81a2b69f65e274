package io.kehu.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallWindowTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void letsTheBudgetGoAtOnceThenWaitsUntilTheOldestCallIsAWindowOld() {
        CallWindow w = new CallWindow(3, Duration.ofSeconds(20));
        for (long t = 0; t < 3; t++) {
            assertThat(w.waitNanos(t * SECOND)).isZero();
            w.record(t * SECOND);
        }

        assertThat(w.waitNanos(3 * SECOND)).isEqualTo(17 * SECOND);
        assertThat(w.waitNanos(20 * SECOND)).isZero();
        w.record(20 * SECOND);
        assertThat(w.waitNanos(20 * SECOND)).as("the second call is now the oldest").isEqualTo(SECOND);
    }

    @Test
    void neverAllowsMoreThanTheBudgetInAnyWindowWhateverTheCallDurations() {
        CallWindow w = new CallWindow(2, Duration.ofSeconds(1));
        long now = 0;
        long[] ends = new long[20];
        for (int i = 0; i < ends.length; i++) {
            now += w.waitNanos(now);
            now += (i % 3) * SECOND / 7; // calls of varying length
            ends[i] = now;
            w.record(now);
        }

        for (int i = 2; i < ends.length; i++) {
            assertThat(ends[i] - ends[i - 2]).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void noLimitNeverWaits() {
        CallWindow w = new CallWindow(0, Duration.ZERO);
        for (int i = 0; i < 1000; i++) {
            w.record(0);
        }

        assertThat(w.waitNanos(0)).isZero();
    }

    @Test
    void refusesABudgetWithoutAWindow() {
        assertThatThrownBy(() -> new CallWindow(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

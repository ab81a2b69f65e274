package io.kehu.server.work;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void fullJitterDrawsBetweenZeroAndADoublingCappedCeiling() {
        RandomGenerator highest = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return bound - 1;
            }
        };

        assertThat(policy.fullJitterBackoff(1, highest)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.fullJitterBackoff(2, highest)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.fullJitterBackoff(5, highest)).isEqualTo(Duration.ofSeconds(32));
        assertThat(policy.fullJitterBackoff(6, highest)).as("capped").isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.fullJitterBackoff(60, highest)).as("no overflow").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void fullJitterSpreadsOverTheWholeWindow() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            long ms = policy.fullJitterBackoff(3, random).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }

        assertThat(min).isBetween(0L, 400L);
        assertThat(max).isBetween(7600L, 8000L);
    }

    @Test
    void equalJitterOfTheWorkQueueStaysInTheUpperHalf() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.backoff(2).toMillis()).isBetween(2000L, 4000L);
        }
    }
}

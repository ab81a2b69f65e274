package io.kehu.server.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    @Test
    void aFailedRunDoesNotStopTheRunsAfterIt() {
        AtomicInteger runs = new AtomicInteger();
        try (Periodic p = Periodic.start("test task", "test.interval", Duration.ofMillis(10), Duration.ZERO, () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("Elasticsearch unreachable");
            }
        })) {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        }
    }

    @Test
    void anIntervalOfZeroNeverRunsTheTask() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Periodic p = Periodic.start("test task", "test.interval", Duration.ZERO, Duration.ZERO,
                runs::incrementAndGet)) {
            assertThat(p).isNotNull();
        }
        assertThat(runs).hasValue(0);
    }
}

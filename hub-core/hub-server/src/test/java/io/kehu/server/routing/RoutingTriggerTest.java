package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RoutingTriggerTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void wakeUpsDuringARunCoalesceIntoOneFollowingRun() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (RoutingTrigger trigger = new RoutingTrigger(everyProfile -> {
            int n = runs.incrementAndGet();
            if (n == 1) {
                firstStarted.countDown();
                await(release);
            } else {
                secondDone.countDown();
            }
            return Optional.of(n);
        }, Duration.ZERO, Duration.ZERO, now::get)) {
            trigger.wake();
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) {
                trigger.wake();
            }
            release.countDown();
            assertThat(secondDone.await(10, TimeUnit.SECONDS)).isTrue();
            trigger.drain();
            assertThat(runs.get()).as("twenty wake-ups during a run make one run after it").isEqualTo(2);
        }
    }

    @Test
    void aWakeUpRunWaitsTheGapAfterThePreviousRun() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (RoutingTrigger trigger = new RoutingTrigger(everyProfile -> {
            ran.countDown();
            return Optional.of(1);
        }, Duration.ZERO, Duration.ofSeconds(30), now::get)) {
            assertThat(trigger.delayNanos()).as("before the first run a wake-up runs at once").isZero();
            trigger.wake();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            waitUntilDelayIsSet(trigger);
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            assertThat(trigger.delayNanos()).isEqualTo(Duration.ofSeconds(20).toNanos());
            now.addAndGet(Duration.ofSeconds(25).toNanos());
            assertThat(trigger.delayNanos()).isZero();
        }
    }

    @Test
    void aFailedRunDoesNotStopLaterRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch second = new CountDownLatch(1);
        try (RoutingTrigger trigger = new RoutingTrigger(everyProfile -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("search failed");
            }
            second.countDown();
            return Optional.of(2);
        }, Duration.ZERO, Duration.ZERO, now::get)) {
            trigger.wake();
            waitUntilDelayIsSet(trigger);
            trigger.wake();
            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWakeUpForEveryProfileAsksTheNextRunToWalkThemAll() throws Exception {
        java.util.List<Boolean> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RoutingTrigger trigger = new RoutingTrigger(everyProfile -> {
            asked.add(everyProfile);
            return Optional.of(1);
        }, Duration.ZERO, Duration.ZERO, now::get)) {
            trigger.wake();
            trigger.drain();
            trigger.wakeAll();
            trigger.drain();
            trigger.wake();
            trigger.drain();
        }

        assertThat(asked).containsExactly(false, true, false);
    }

    /** The run's end is recorded just after it returns, on the routing thread. */
    private static void waitUntilDelayIsSet(RoutingTrigger trigger) throws Exception {
        trigger.drain();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

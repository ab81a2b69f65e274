package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.api.testing.MutableClock;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.connectors.DailyBudgetSettings;
import io.kehu.server.connectors.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call count in the state index, as several hub nodes share it: each gate stands for one node's worker of
 * the same destination instance, and a new gate for a restarted hub.
 */
class CallGateIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final DailyBudgetSettings TEN = new DailyBudgetSettings(10, ZoneId.of("Asia/Shanghai"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T04:00:00Z"));
    private CallLedger ledger;

    @BeforeEach
    void freshIndices() {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = TestElasticsearch.indices(TestElasticsearch.indexPrefix(CallGateIT.class) + RUN.incrementAndGet() + "-");
        ledger = new CallLedger(new Documents(client), names, clock);
    }

    @Test
    void threeNodesCallingAtOnceMakeNoMoreCallsThanTheBudgetAllowsTheInstance() throws Exception {
        List<CallGate> nodes = List.of(gate(), gate(), gate());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (CallGate node : nodes) {
                Callable<Integer> calls = () -> {
                    int n = 0;
                    while (node.acquire() == null) {
                        n++;
                    }
                    return n;
                };
                granted.add(pool.submit(calls));
            }
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        DeliveryStatus status = CallGate.status("crm-a", TEN, ledger, clock.instant());
        assertThat(status.callsToday()).isEqualTo(10);
        assertThat(status.heldBy()).isEqualTo(DeliveryStatus.BUDGET);
        assertThat(status.resetsAt()).isEqualTo(Instant.parse("2026-11-23T16:00:00Z"));
    }

    @Test
    void aRestartedHubKeepsTodaysCountAndStartsAfreshTheNextDay() {
        CallGate before = gate();
        for (int i = 0; i < 9; i++) {
            assertThat(before.acquire()).isNull();
        }

        CallGate after = gate();
        assertThat(after.acquire()).as("the tenth call of the day").isNull();
        assertThat(after.acquire()).isEqualTo(new CallGate.Hold(DeliveryStatus.BUDGET, Instant.parse("2026-11-23T16:00:00Z")));

        clock.advance(Duration.ofHours(12));
        assertThat(after.acquire()).as("the next day in Shanghai").isNull();
        assertThat(CallGate.status("crm-a", TEN, ledger, clock.instant()))
                .extracting(DeliveryStatus::day, DeliveryStatus::callsToday).containsExactly("2026-11-24", 1L);
    }

    @Test
    void aPauseTheDestinationAskedForHoldsARestartedHubAndOtherNodesUntilItEnds() {
        gate().pause(Duration.ofHours(3));
        Instant until = clock.instant().plus(Duration.ofHours(3));

        CallGate restarted = gate();
        assertThat(restarted.acquire()).isEqualTo(new CallGate.Hold(DeliveryStatus.VENDOR_PAUSE, until));
        gate().pause(Duration.ofMinutes(5));
        assertThat(CallGate.status("crm-a", TEN, ledger, clock.instant()))
                .as("a shorter ask does not shorten the pause; nothing was counted")
                .extracting(DeliveryStatus::heldBy, DeliveryStatus::pausedUntil, DeliveryStatus::callsToday)
                .containsExactly(DeliveryStatus.VENDOR_PAUSE, until, 0L);

        clock.advance(Duration.ofHours(3));
        assertThat(restarted.acquire()).isNull();
    }

    @Test
    void withoutABudgetNothingIsCountedAndAnotherNodesPauseIsSeenWithinTheRecheck() {
        CallGate unlimited = new CallGate("crm-a", DailyBudgetSettings.NONE, ledger, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(unlimited.acquire()).isNull();
        }
        assertThat(CallGate.status("crm-a", DailyBudgetSettings.NONE, ledger, clock.instant()).callsToday()).isZero();

        gate().pause(Duration.ofHours(1));
        Instant until = clock.instant().plus(Duration.ofHours(1));
        assertThat(unlimited.acquire()).as("read a moment ago: not yet seen").isNull();
        clock.advance(CallGate.PAUSE_RECHECK);
        assertThat(unlimited.acquire()).isEqualTo(new CallGate.Hold(DeliveryStatus.VENDOR_PAUSE, until));

        unlimited.pause(Duration.ofHours(2));
        assertThat(unlimited.acquire()).as("its own pause at once")
                .isEqualTo(new CallGate.Hold(DeliveryStatus.VENDOR_PAUSE, clock.instant().plus(Duration.ofHours(2))));
    }

    private CallGate gate() {
        return new CallGate("crm-a", TEN, ledger, clock);
    }
}

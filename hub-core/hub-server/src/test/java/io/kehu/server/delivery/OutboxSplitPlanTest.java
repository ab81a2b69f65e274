package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.DeliveryResult;
import io.kehu.search.OutboxDoc;
import io.kehu.server.work.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Planning the outbox side of undoing merge {@code m-1}: {@code p-r} was folded into {@code p-s}. The outbox is
 * an in-memory map the planned steps are applied to, one step list at a time, as the executor does.
 */
class OutboxSplitPlanTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private final OutboxTransitions t = new OutboxTransitions(
            new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(10)), RandomGenerator.getDefault());
    private final Map<String, OutboxDoc> outbox = new LinkedHashMap<>();

    private OutboxDoc delivered(String profile, String name, String owner, String remoteId) {
        OutboxDoc queued = t.enqueue(null, new OutboxEntry(profile, "crm-a", "tier-a", Map.of("LastName", name), owner), T0);
        return t.answer(queued, queued.payloadHash(), DeliveryResult.created(remoteId), T0);
    }

    /** What routing's carry-over leaves: the survivor carries the restored profile's record with the survivor's data. */
    private void carriedAndUpdatedWithTheSurvivorsData() {
        OutboxDoc r = delivered("p-r", "李娜", "u-li", "L-r");
        OutboxDoc carried = r.carriedTo("p-s", r.recordKey(), T1);
        OutboxDoc updated = t.enqueue(carried, new OutboxEntry("p-s", "crm-a", "tier-a", Map.of("LastName", "张伟"), "u-zhang"), T1);
        put(r.retiredInto("p-s", T1));
        put(t.answer(updated, updated.payloadHash(), DeliveryResult.updated("L-r"), T1));
    }

    private void put(OutboxDoc d) {
        outbox.put(d.id(), d);
    }

    private List<OutboxSplitPlan.Step> plan() {
        return OutboxSplitPlan.next("m-1", "p-s", List.of("p-r"), outbox.values(), T2);
    }

    /** Applies every round of steps until none is left; returns how many rounds it took. */
    private int split() {
        int rounds = 0;
        for (List<OutboxSplitPlan.Step> steps = plan(); !steps.isEmpty(); steps = plan()) {
            steps.forEach(s -> {
                if (s.delete()) {
                    outbox.remove(s.id());
                } else {
                    put(s.next());
                }
            });
            assertThat(++rounds).as("the split converges").isLessThan(5);
        }
        return rounds;
    }

    @Test
    void theRecordCarriedOverGoesBackToTheRestoredProfileWithItsOwnDataAndOwnerAndTheSurvivorKeepsNoEntry() {
        carriedAndUpdatedWithTheSurvivorsData();

        assertThat(split()).isEqualTo(3);

        assertThat(outbox).containsOnlyKeys("crm-a:p-r");
        OutboxDoc r = outbox.get("crm-a:p-r");
        assertThat(r.remoteId()).isEqualTo("L-r");
        assertThat(r.recordKey()).isEqualTo("kehu-p-r");
        assertThat(r.remoteKey()).isNull();
        assertThat(r.owner()).isEqualTo("u-li");
        assertThat(r.effectiveFields()).containsEntry("LastName", "李娜");
        assertThat(r.status()).as("the record shows the survivor's data: updated at once").isEqualTo(OutboxDoc.PENDING);
        assertThat(r.nextAttemptAt()).isEqualTo(T2);
        assertThat(r.mergedInto()).isNull();
        assertThat(r.returnedBy()).isEqualTo("m-1");
    }

    @Test
    void theSurvivorsEntryIsRetiredBeforeTheRestoredOneTakesTheRecordSoNoMomentHasTwoLiveEntries() {
        carriedAndUpdatedWithTheSurvivorsData();

        List<OutboxSplitPlan.Step> first = plan();

        assertThat(first).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo("crm-a:p-s");
            assertThat(s.next().status()).isEqualTo(OutboxDoc.MERGED);
            assertThat(s.next().mergedInto()).isEqualTo("p-r");
            assertThat(s.next().statusBeforeMerge()).isEqualTo(OutboxDoc.DELIVERED);
        });
    }

    @Test
    void aRecordTheSurvivorNeverChangedComesBackDeliveredAndIsNotSentAgain() {
        OutboxDoc r = delivered("p-r", "李娜", "u-li", "L-r");
        put(r.retiredInto("p-s", T1));
        put(r.carriedTo("p-s", r.recordKey(), T1));

        split();

        assertThat(outbox).containsOnlyKeys("crm-a:p-r");
        assertThat(outbox.get("crm-a:p-r").status()).isEqualTo(OutboxDoc.DELIVERED);
        assertThat(outbox.get("crm-a:p-r").payloadHash()).isEqualTo(r.payloadHash());
    }

    @Test
    void whenTheSurvivorHadItsOwnRecordItKeepsItAndTheRestoredEntryComesBackAsItWasBeforeTheMerge() {
        OutboxDoc s = delivered("p-s", "张伟", "u-zhang", "L-s");
        OutboxDoc r = delivered("p-r", "李娜", "u-li", "L-r");
        put(s);
        put(r.retiredInto("p-s", T1));

        assertThat(split()).isEqualTo(1);

        assertThat(outbox.get("crm-a:p-s")).isEqualTo(s);
        OutboxDoc back = outbox.get("crm-a:p-r");
        assertThat(back.status()).isEqualTo(OutboxDoc.DELIVERED);
        assertThat(back.remoteId()).isEqualTo("L-r");
        assertThat(back.owner()).isEqualTo("u-li");
        assertThat(back.mergedInto()).isNull();
        assertThat(back.returnedBy()).isEqualTo("m-1");
    }

    @Test
    void anEntryRetiredByAnOlderHubWithoutItsStatusComesBackQueuedAsAnUpdateOfItsRecord() {
        put(delivered("p-s", "张伟", "u-zhang", "L-s"));
        OutboxDoc r = delivered("p-r", "李娜", "u-li", "L-r").retiredInto("p-s", T1);
        put(new OutboxDoc(r.destination(), r.profileId(), r.ruleId(), r.fields(), r.overrides(), r.owner(), r.payloadHash(),
                r.status(), r.remoteId(), r.attempts(), null, r.lastOutcome(), null, null, r.lastAttemptAt(),
                r.deliveredAt(), r.createdAt(), T1, null, "p-s", null, null));

        split();

        OutboxDoc back = outbox.get("crm-a:p-r");
        assertThat(back.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(back.remoteId()).isEqualTo("L-r");
        assertThat(back.nextAttemptAt()).isEqualTo(T2);
    }

    @Test
    void aRepeatAfterACrashAtAnyStepFinishesTheSplitWithTheSameOutcome() {
        carriedAndUpdatedWithTheSurvivorsData();
        Map<String, OutboxDoc> start = new LinkedHashMap<>(outbox);
        split();
        Map<String, OutboxDoc> finished = new LinkedHashMap<>(outbox);

        for (int crashAfter = 1; crashAfter <= 2; crashAfter++) {
            outbox.clear();
            outbox.putAll(start);
            for (int i = 0; i < crashAfter; i++) {
                plan().forEach(s -> put(s.next()));
            }
            split();
            assertThat(outbox).as("crashed after step %s", crashAfter).isEqualTo(finished);
        }
        assertThat(plan()).as("a finished split plans nothing").isEmpty();
    }

    @Test
    void aRecordIdLearnedByACallInFlightForTheSurvivorsEntryIsKept() {
        OutboxDoc r = t.enqueue(null, new OutboxEntry("p-r", "crm-a", "tier-a", Map.of("LastName", "李娜"), "u-li"), T0);
        put(r.retiredInto("p-s", T1));
        put(r.carriedTo("p-s", r.recordKey(), T1));
        // The survivor's entry retired, then the restored one given the record (steps 1 and 2).
        plan().forEach(s -> put(s.next()));
        plan().forEach(s -> put(s.next()));
        // The call that was in flight when the survivor's entry was retired answers now.
        OutboxDoc s = outbox.get("crm-a:p-s");
        put(t.answer(s, r.payloadHash(), DeliveryResult.created("L-r"), T2));

        split();

        assertThat(outbox).containsOnlyKeys("crm-a:p-r");
        assertThat(outbox.get("crm-a:p-r").remoteId()).isEqualTo("L-r");
    }
}

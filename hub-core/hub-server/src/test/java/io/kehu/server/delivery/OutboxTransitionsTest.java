package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.DeliveryResult;
import io.kehu.search.OutboxDoc;
import io.kehu.server.work.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class OutboxTransitionsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    /** Always draws the top of the jitter window, so waits are exact. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    private final OutboxTransitions t = new OutboxTransitions(
            new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(10)), HIGHEST);

    private static OutboxEntry entry(String lastName, String owner) {
        return new OutboxEntry("p-1", "crm-a", "tier-a", Map.of("LastName", lastName, "Company", "蓝心软件"), owner);
    }

    private OutboxDoc delivered() {
        OutboxDoc queued = t.enqueue(null, entry("陈", "u1"), T0);
        return t.answer(queued, queued.payloadHash(), DeliveryResult.created("L-1"), T0);
    }

    @Test
    void aNewEntryIsPendingAndDueAtOnce() {
        OutboxDoc d = t.enqueue(null, entry("陈", "u1"), T0);

        assertThat(d.id()).isEqualTo("crm-a:p-1");
        assertThat(d.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(d.nextAttemptAt()).isEqualTo(T0);
        assertThat(d.attempts()).isZero();
        assertThat(d.payloadHash()).isEqualTo(PayloadHash.of(Map.of("LastName", "陈", "Company", "蓝心软件"), "u1"));
    }

    @Test
    void successDeliversAndStoresTheRemoteId() {
        OutboxDoc d = delivered();

        assertThat(d.status()).isEqualTo(OutboxDoc.DELIVERED);
        assertThat(d.remoteId()).isEqualTo("L-1");
        assertThat(d.lastOutcome()).isEqualTo("CREATED");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.deliveredAt()).isEqualTo(T0);
    }

    @Test
    void anEntryCarriedToTheSurvivorOfAMergeKeepsTheRecordAndTheAbsorbedProfilesKey() {
        OutboxDoc carried = delivered().carriedTo("p-survivor", "kehu-p-1", T1);

        assertThat(carried.id()).isEqualTo("crm-a:p-survivor");
        assertThat(carried.remoteId()).isEqualTo("L-1");
        assertThat(carried.remoteKey()).isEqualTo("kehu-p-1");
        assertThat(carried.status()).isEqualTo(OutboxDoc.DELIVERED);

        OutboxDoc changed = t.enqueue(carried, new OutboxEntry("p-survivor", "crm-a", "tier-a",
                Map.of("LastName", "陈静", "Company", "蓝心软件"), "u1"), T1);
        assertThat(changed.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(changed.remoteId()).as("an update of the record").isEqualTo("L-1");
        assertThat(changed.remoteKey()).isEqualTo("kehu-p-1");
    }

    @Test
    void aRetiredEntryOfAMergedProfileIsNeverQueuedAgain() {
        OutboxDoc retired = delivered().retiredInto("p-survivor", T1);

        assertThat(retired.status()).isEqualTo(OutboxDoc.MERGED);
        assertThat(retired.mergedInto()).isEqualTo("p-survivor");
        assertThat(t.enqueue(retired, entry("陈静", "u1"), T1)).isNull();
    }

    @Test
    void anUnchangedPayloadOfADeliveredItemChangesNothing() {
        assertThat(t.enqueue(delivered(), entry("陈", "u1"), T1)).isNull();
    }

    @Test
    void aChangedPayloadGoesBackToPendingKeepingTheRemoteIdSoTheDestinationUpdates() {
        OutboxDoc d = t.enqueue(delivered(), entry("陈静", "u1"), T1);

        assertThat(d.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(d.remoteId()).isEqualTo("L-1");
        assertThat(d.attempts()).isZero();
        assertThat(d.nextAttemptAt()).isEqualTo(T1);
        assertThat(d.effectiveFields()).containsEntry("LastName", "陈静");
    }

    @Test
    void aNewOwnerIsAChangedPayload() {
        assertThat(t.enqueue(delivered(), entry("陈", "u2"), T1).status()).isEqualTo(OutboxDoc.PENDING);
    }

    @Test
    void aChangedPayloadOfAPendingItemKeepsItsRetrySchedule() {
        OutboxDoc queued = t.enqueue(null, entry("陈", "u1"), T0);
        OutboxDoc retrying = t.answer(queued, queued.payloadHash(), DeliveryResult.retry("503", "busy", null), T0);

        OutboxDoc d = t.enqueue(retrying, entry("陈静", "u1"), T1);

        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.nextAttemptAt()).isEqualTo(retrying.nextAttemptAt());
    }

    @Test
    void aRetryableFailureBacksOffExponentiallyButNeverSoonerThanAsked() {
        OutboxDoc queued = t.enqueue(null, entry("陈", "u1"), T0);

        OutboxDoc first = t.answer(queued, queued.payloadHash(), DeliveryResult.retry("503", "unavailable", null), T0);
        OutboxDoc second = t.answer(first, first.payloadHash(), DeliveryResult.retry("503", "unavailable", null), T1);
        OutboxDoc asked = t.answer(queued, queued.payloadHash(), DeliveryResult.retry("429", "slow down", Duration.ofSeconds(90)), T0);

        assertThat(first.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(first.lastCode()).isEqualTo("503");
        assertThat(second.nextAttemptAt()).isEqualTo(T1.plusSeconds(4));
        assertThat(asked.nextAttemptAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void theItemsOfAWholeFailedCallShareTheRetryTimeGivenForTheBatch() {
        OutboxTransitions lowest = new OutboxTransitions(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(10)),
                new java.util.SplittableRandom(7));
        OutboxDoc queued = lowest.enqueue(null, entry("陈", "u1"), T0);
        DeliveryResult busy = DeliveryResult.retry("429", "slow down", Duration.ofSeconds(1));

        OutboxDoc first = lowest.answer(queued, queued.payloadHash(), busy, T0, Duration.ofMillis(1500));
        OutboxDoc second = lowest.answer(queued, queued.payloadHash(), busy, T0, Duration.ofMillis(1500));

        assertThat(first.nextAttemptAt()).isEqualTo(T0.plusMillis(1500)).isEqualTo(second.nextAttemptAt());
        assertThat(first.attempts()).isEqualTo(1);
    }

    @Test
    void theLastAllowedAttemptFailsTheItemWithTheDestinationsCode() {
        OutboxDoc d = t.enqueue(null, entry("陈", "u1"), T0);
        for (int i = 0; i < 3; i++) {
            d = t.answer(d, d.payloadHash(), DeliveryResult.retry("503", "unavailable", null), T0);
        }

        assertThat(d.status()).isEqualTo(OutboxDoc.FAILED);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(d.lastCode()).isEqualTo("503");
        assertThat(d.lastMessage()).isEqualTo("Gave up after 3 attempts: unavailable");
        assertThat(d.nextAttemptAt()).isNull();
    }

    @Test
    void aPermanentRefusalFailsAtOnceWithTheDestinationsMessage() {
        OutboxDoc queued = t.enqueue(null, entry("陈", "u1"), T0);

        OutboxDoc d = t.answer(queued, queued.payloadHash(),
                DeliveryResult.rejected("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]"), T0);

        assertThat(d.status()).isEqualTo(OutboxDoc.FAILED);
        assertThat(d.lastCode()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(d.lastMessage()).isEqualTo("Required fields are missing: [LastName]");
        assertThat(t.enqueue(d, entry("陈", "u1"), T1)).as("routed again unchanged: still failed").isNull();
    }

    @Test
    void anAnswerToAPayloadThatChangedMeanwhileKeepsTheNewPayloadPendingButLearnsTheRemoteId() {
        OutboxDoc sent = t.enqueue(null, entry("陈", "u1"), T0);
        OutboxDoc changed = t.enqueue(sent, entry("陈静", "u1"), T0.plusSeconds(1));

        OutboxDoc d = t.answer(changed, sent.payloadHash(), DeliveryResult.created("L-9"), T1);

        assertThat(d.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(d.payloadHash()).isEqualTo(changed.payloadHash());
        assertThat(d.remoteId()).isEqualTo("L-9");
        assertThat(t.answer(changed, sent.payloadHash(), DeliveryResult.retry("503", "x", null), T1)).isNull();
    }

    @Test
    void anAnswerForAnItemAnotherNodeDeliveredChangesNothing() {
        OutboxDoc d = delivered();

        assertThat(t.answer(d, d.payloadHash(), DeliveryResult.updated("L-1"), T1)).isNull();
    }

    @Test
    void correctionsAreAppliedOverTheRoutedFieldsAndSurviveARoute() {
        OutboxDoc queued = t.enqueue(null, new OutboxEntry("p-1", "crm-a", "r", Map.of("Company", "蓝心软件"), "u1"), T0);
        OutboxDoc failed = t.answer(queued, queued.payloadHash(), DeliveryResult.rejected("REQUIRED_FIELD_MISSING", "LastName"), T0);

        OutboxDoc patched = t.patch(failed, Map.of("LastName", "陈"), T1);

        assertThat(patched.status()).as("waits for its replay").isEqualTo(OutboxDoc.FAILED);
        assertThat(patched.effectiveFields()).containsEntry("LastName", "陈").containsEntry("Company", "蓝心软件");
        OutboxDoc replayed = t.replay(patched, T1);
        assertThat(replayed.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.nextAttemptAt()).isEqualTo(T1);
        OutboxDoc done = t.answer(replayed, replayed.payloadHash(), DeliveryResult.created("L-2"), T1);
        assertThat(t.enqueue(done, new OutboxEntry("p-1", "crm-a", "r", Map.of("Company", "蓝心软件"), "u1"), T1))
                .as("the same routing again: the correction still applies, nothing changed").isNull();
        OutboxDoc rerouted = t.enqueue(done, new OutboxEntry("p-1", "crm-a", "r", Map.of("Company", "蓝心"), "u1"), T1);
        assertThat(rerouted.effectiveFields()).containsEntry("LastName", "陈").containsEntry("Company", "蓝心");
    }

    @Test
    void aCorrectionOfADeliveredItemIsSentAsAnUpdateAndNullRemovesIt() {
        OutboxDoc patched = t.patch(delivered(), Map.of("LastName", "陈静"), T1);

        assertThat(patched.status()).isEqualTo(OutboxDoc.PENDING);
        assertThat(patched.remoteId()).isEqualTo("L-1");
        Map<String, Object> remove = new HashMap<>();
        remove.put("LastName", null);
        assertThat(t.patch(patched, remove, T1).effectiveFields()).containsEntry("LastName", "陈");
    }
}

package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.MapStateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CreateOnceTest {

    private final Map<String, String> state = new HashMap<>();
    private final RemoteIds ids = new RemoteIds(new MapStateStore(state));
    private final List<String> calls = new ArrayList<>();
    private Supplier<DeliveryResult> createAnswer = () -> DeliveryResult.created("r1");
    private String found;

    private final CreateOnce once = new CreateOnce(ids, new CreateOnce.Remote() {
        @Override
        public Optional<String> find(Delivery d) {
            calls.add("find " + d.idempotencyKey());
            return Optional.ofNullable(found);
        }

        @Override
        public DeliveryResult create(Delivery d) {
            calls.add("create " + d.idempotencyKey());
            assertThat(ids.pending(d.idempotencyKey())).as("marked pending before the call").isTrue();
            return createAnswer.get();
        }

        @Override
        public DeliveryResult update(Delivery d, String remoteId) {
            calls.add("update " + remoteId);
            return DeliveryResult.updated(remoteId);
        }
    });

    private static Delivery delivery(String remoteId) {
        return new Delivery("kehu-p1", "p1", remoteId, Map.of("name", "张三"), null);
    }

    @Test
    void createsAnUnknownLeadAndRemembersItsRecord() {
        assertThat(once.deliver(delivery(null))).isEqualTo(DeliveryResult.created("r1"));
        assertThat(ids.known("kehu-p1")).contains("r1");
        assertThat(calls).containsExactly("create kehu-p1");
    }

    @Test
    void updatesTheRecordTheHubKnows() {
        assertThat(once.deliver(delivery("r9"))).isEqualTo(DeliveryResult.updated("r9"));
        assertThat(calls).containsExactly("update r9");
    }

    @Test
    void updatesTheRecordAnEarlierCreateMadeWhenTheHubLostIt() {
        ids.created("kehu-p1", "r1");
        assertThat(once.deliver(delivery(null)).outcome()).isEqualTo(DeliveryResult.Outcome.UPDATED);
        assertThat(calls).containsExactly("update r1");
    }

    @Test
    void looksUpBeforeCreatingAgainAfterALostAnswerAndUpdatesWhatItFinds() {
        ids.creating("kehu-p1");
        found = "r7";
        assertThat(once.deliver(delivery(null))).isEqualTo(DeliveryResult.updated("r7"));
        assertThat(calls).containsExactly("find kehu-p1", "update r7");
        assertThat(ids.known("kehu-p1")).contains("r7");
    }

    @Test
    void createsAfterALostAnswerWhenTheLookupFindsNothing() {
        ids.creating("kehu-p1");
        assertThat(once.deliver(delivery(null))).isEqualTo(DeliveryResult.created("r1"));
        assertThat(calls).containsExactly("find kehu-p1", "create kehu-p1");
    }

    @Test
    void forgetsACreateTheRemoteRejected() {
        createAnswer = () -> DeliveryResult.rejected("E1", "name is required");
        assertThat(once.deliver(delivery(null)).retryable()).isFalse();
        assertThat(state).isEmpty();
    }

    @Test
    void keepsACreateWithARetryableOutcomePendingSoTheNextAttemptLooksFirst() {
        createAnswer = () -> DeliveryResult.retry("-1", "busy", null);
        once.deliver(delivery(null));
        assertThat(ids.pending("kehu-p1")).isTrue();
    }

    @Test
    void keepsACreateWithoutAnAnswerPending() {
        createAnswer = () -> {
            throw RemoteCallException.retryable("no answer", 0, "NO_ANSWER", null);
        };
        assertThatThrownBy(() -> once.deliver(delivery(null))).isInstanceOf(RemoteCallException.class);
        assertThat(ids.pending("kehu-p1")).isTrue();
    }

    @Test
    void forgetsACreateRefusedAsAWhole() {
        createAnswer = () -> {
            throw RemoteCallException.permanent("refused", 401, "TOKEN_REFUSED");
        };
        assertThatThrownBy(() -> once.deliver(delivery(null))).isInstanceOf(RemoteCallException.class);
        assertThat(state).isEmpty();
    }
}

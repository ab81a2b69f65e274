package io.kehu.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.DeliveryResult;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {

    @Test
    void acceptsAnImmutableListOfOneResultPerDelivery() {
        // List.of(...).contains(null) throws: this once turned every HubSpot batch into a failure and a resend.
        assertThat(DeliveryWorker.answersEach(List.of(DeliveryResult.created("1"), DeliveryResult.updated("2")), 2)).isTrue();
    }

    @Test
    void refusesMissingNullOrTooFewResults() {
        assertThat(DeliveryWorker.answersEach(null, 1)).isFalse();
        assertThat(DeliveryWorker.answersEach(List.of(DeliveryResult.created("1")), 2)).isFalse();
        assertThat(DeliveryWorker.answersEach(Arrays.asList(DeliveryResult.created("1"), null), 2)).isFalse();
    }
}

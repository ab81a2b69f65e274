package io.kehu.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.testing.MapStateStore;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class RemoteIdsTest {

    private final RemoteIds ids = new RemoteIds(new MapStateStore(new HashMap<>()));

    @Test
    void aCreateWhoseAnswerWasLostStaysPending() {
        ids.creating("kehu-p1");
        assertThat(ids.pending("kehu-p1")).isTrue();
        assertThat(ids.known("kehu-p1")).isEmpty();
    }

    @Test
    void aCompletedCreateIsKnownAndNoLongerPending() {
        ids.creating("kehu-p1");
        ids.created("kehu-p1", "L-9");
        assertThat(ids.known("kehu-p1")).contains("L-9");
        assertThat(ids.pending("kehu-p1")).isFalse();
    }

    @Test
    void aRefusedCreateLeavesNothing() {
        ids.creating("kehu-p1");
        ids.forget("kehu-p1");
        assertThat(ids.pending("kehu-p1")).isFalse();
        assertThat(ids.known("kehu-p1")).isEmpty();
    }
}

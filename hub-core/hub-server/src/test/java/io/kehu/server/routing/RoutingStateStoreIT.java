package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing checkpoint in the state index: it survives a restart and only one of two nodes advances it. */
class RoutingStateStoreIT {

    private static final AtomicInteger RUN = new AtomicInteger();

    private RoutingStateStore store;

    @BeforeEach
    void freshIndices() {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = TestElasticsearch.indices(TestElasticsearch.indexPrefix(RoutingStateStoreIT.class) + RUN.incrementAndGet() + "-");
        store = new RoutingStateStore(new Documents(client), names, new ObjectMapper().registerModule(new JavaTimeModule()),
                Clock.systemUTC());
    }

    @Test
    void aStoredCheckpointIsReadBackWithItsAssignmentState() {
        RoutingCheckpoint next = new RoutingCheckpoint(Instant.parse("2026-11-23T04:00:00Z"),
                AssignmentState.EMPTY.withCursor("vip", "ben"), 3);
        store.write(store.read(), next);

        assertThat(store.read().checkpoint()).isEqualTo(next);
    }

    @Test
    void onlyOneOfTwoRunsThatReadTheSameVersionAdvancesTheCheckpoint() {
        RoutingCheckpoint a = new RoutingCheckpoint(Instant.parse("2026-11-23T04:00:00Z"), AssignmentState.EMPTY, 1);
        RoutingCheckpoint b = new RoutingCheckpoint(Instant.parse("2026-11-23T05:00:00Z"), AssignmentState.EMPTY, 1);

        RoutingStateStore.Versioned none = store.read();
        store.write(none, a);
        assertThatThrownBy(() -> store.write(none, b)).as("both saw no checkpoint")
                .isInstanceOf(RoutingStateStore.Conflict.class);

        RoutingStateStore.Versioned first = store.read();
        store.write(first, b);
        assertThatThrownBy(() -> store.write(first, a)).isInstanceOf(RoutingStateStore.Conflict.class);
        assertThat(store.read().checkpoint()).isEqualTo(b);
    }
}

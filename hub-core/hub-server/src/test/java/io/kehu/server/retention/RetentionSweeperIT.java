package io.kehu.server.retention;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.kehu.search.DeadLetterDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.WorkDoc;
import io.kehu.search.testing.TestElasticsearch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The retention sweep against the real node: only finished records past their retention go. */
class RetentionSweeperIT {

    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    static final String OLD = NOW.minus(Duration.ofDays(40)).toString();
    static final String RECENT = NOW.minus(Duration.ofDays(2)).toString();

    static ElasticsearchClient client;
    static IndexNames names;

    @BeforeAll
    static void indices() {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(RetentionSweeperIT.class);
    }

    @Test
    void finishedRecordsPastTheirRetentionAreDeletedAndEverythingElseStays() throws IOException {
        put(names.work(), "done-old", Map.of("status", WorkDoc.DONE, "updatedAt", OLD));
        put(names.work(), "done-recent", Map.of("status", WorkDoc.DONE, "updatedAt", RECENT));
        put(names.work(), "pending-old", Map.of("status", WorkDoc.PENDING, "updatedAt", OLD));
        put(names.work(), "dead-old", Map.of("status", WorkDoc.DEAD, "updatedAt", OLD));
        put(names.deadLetters(), "replayed-old", Map.of("status", DeadLetterDoc.REPLAYED, "updatedAt", OLD));
        put(names.deadLetters(), "new-old", Map.of("status", DeadLetterDoc.NEW, "updatedAt", OLD));
        put(names.deadLetters(), "failed-old", Map.of("status", DeadLetterDoc.FAILED, "updatedAt", OLD));
        put(names.deliveries(), "call-old", Map.of("destination", "crm", "at", OLD));
        put(names.deliveries(), "call-recent", Map.of("destination", "crm", "at", RECENT));
        client.indices().refresh(r -> r.index(List.of(names.work(), names.deadLetters(), names.deliveries())));

        RetentionSweeper sweeper = new RetentionSweeper(client, List.of(
                new RetentionRule("work", names.work(), "updatedAt", List.of(WorkDoc.DONE), Duration.ofDays(30)),
                new RetentionRule("deadLetters", names.deadLetters(), "updatedAt", List.of(DeadLetterDoc.REPLAYED),
                        Duration.ofDays(30)),
                new RetentionRule("deliveries", names.deliveries(), "at", List.of(), Duration.ofDays(30)),
                new RetentionRule("alerts", names.alerts(), "createdAt", List.of(), Duration.ZERO)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        RetentionSweeper.Result result = sweeper.runIfIdle().orElseThrow();

        assertThat(result.deleted()).containsExactly(Map.entry("work", 1L), Map.entry("deadLetters", 1L),
                Map.entry("deliveries", 1L));
        assertThat(result.failures()).isEmpty();
        assertThat(ids(names.work())).containsExactlyInAnyOrder("done-recent", "pending-old", "dead-old");
        assertThat(ids(names.deadLetters())).containsExactlyInAnyOrder("new-old", "failed-old");
        assertThat(ids(names.deliveries())).containsExactly("call-recent");

        assertThat(sweeper.runIfIdle().orElseThrow().deleted()).as("a second sweep finds nothing more")
                .containsOnly(Map.entry("work", 0L), Map.entry("deadLetters", 0L), Map.entry("deliveries", 0L));
    }

    private static void put(String index, String id, Map<String, Object> doc) throws IOException {
        client.index(i -> i.index(index).id(id).document(doc).refresh(Refresh.False));
    }

    private static List<String> ids(String index) throws IOException {
        client.indices().refresh(r -> r.index(index));
        return client.search(s -> s.index(index).size(100), Map.class).hits().hits().stream()
                .map(h -> h.id()).toList();
    }
}

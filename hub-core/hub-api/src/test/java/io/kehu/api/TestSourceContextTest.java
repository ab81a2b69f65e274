package io.kehu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.testing.TestSourceContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recording source context behaves as the hub's side does, so plugin tests can trust it (kept out of the test-jar). */
class TestSourceContextTest {

    private final TestSourceContext ctx = new TestSourceContext("sheets", List.of(), Map.of());

    private static SourceRecord record(String key, String position) {
        Lead lead = new Lead("陈静", null, null, null, List.of(Identifier.phone("13800138000")), null, null, null, null, null, null);
        return new SourceRecord(key, position, lead, null);
    }

    @Test
    void recordsBatchesAndReportsRejectedRecords() {
        ctx.rejections.put("k2", "no usable identifier");

        IngestResult result = ctx.ingest().submit(List.of(record("k1", "row 1"), record("k2", "row 2")));

        assertThat(result.created()).isEqualTo(1);
        assertThat(result.rejected()).extracting(IngestResult.Rejection::position).containsExactly("row 2");
        assertThat(ctx.batches).hasSize(1);
        assertThat(ctx.at("row 2").key()).isEqualTo("k2");
    }

    @Test
    void failsIngestAfterTheGivenNumberOfBatchesUntilTheStoreIsBackUp() {
        ctx.failAfterBatches = 1;
        ctx.ingest().submit(List.of(record("k1", "row 1")));

        assertThatThrownBy(() -> ctx.ingest().submit(List.of(record("k2", "row 2"))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        ctx.storeUp();
        ctx.ingest().submit(List.of(record("k2", "row 2")));

        assertThat(ctx.failedSubmits).hasValue(1);
        assertThat(ctx.records()).extracting(SourceRecord::key).containsExactly("k1", "k2");
    }

    @Test
    void keepsOneDeadLetterPerKeyAndEnqueuesWorkOncePerId() {
        ctx.deadLetters().put(new DeadLetter("m-1", "mail", "unreadable", "message/rfc822", new byte[0], Map.of()));
        ctx.deadLetters().put(new DeadLetter("m-1", "mail", "still unreadable", "message/rfc822", new byte[0], Map.of()));

        assertThat(ctx.work().enqueue("msg-1", "event", "<xml/>")).isTrue();
        assertThat(ctx.work().enqueue("msg-1", "event", "<xml/>")).isFalse();

        assertThat(ctx.deadLetters).extracting(DeadLetter::reason).containsExactly("still unreadable");
        assertThat(ctx.work).hasSize(1);
        assertThat(ctx.enqueueCalls).hasSize(2);
    }

    @Test
    void resumesAnImportOfTheSameContentAfterItsLastCommittedRow() {
        ImportHandle first = ctx.imports().begin("a.csv", "sha-1", 10);
        first.submit(List.of(record("k1", "row 1"), record("k2", "row 2")), 2);

        ImportHandle again = ctx.imports().begin("renamed.csv", "sha-1", 10);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.resumeAfterRow()).isEqualTo(2);
        assertThat(ctx.tracker.only().begins).isEqualTo(2);
        assertThat(ctx.records()).hasSize(2);
    }
}

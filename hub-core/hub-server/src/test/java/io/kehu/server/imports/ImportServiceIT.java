package io.kehu.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ImportHandle;
import io.kehu.api.spi.ImportReport;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.IngestSink;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Import progress and reports live in Elasticsearch, so a restart resumes and a re-import is recognised. */
class ImportServiceIT {

    static ImportService imports;
    static final List<List<SourceRecord>> submitted = new ArrayList<>();

    /** Stands in for the ingest path, which has its own ITs: rejects records keyed "bad…". */
    static final IngestSink SINK = new IngestSink() {
        @Override
        public int preferredBatchSize() {
            return 2;
        }

        @Override
        public IngestResult submit(List<SourceRecord> batch) {
            submitted.add(batch);
            List<IngestResult.Rejection> rejected = batch.stream().filter(r -> r.key().startsWith("bad"))
                    .map(r -> new IngestResult.Rejection(r.key(), r.position(), "no usable identifier")).toList();
            return new IngestResult(batch.size() - rejected.size(), 0, 0, rejected);
        }
    };

    @BeforeAll
    static void indices() {
        IndexNames names = TestElasticsearch.indices(ImportServiceIT.class);
        imports = new ImportService(new Documents(TestElasticsearch.client()), names, Clock.systemUTC());
    }

    @Test
    void anInterruptedImportResumesAfterItsLastCommittedRowWithItsCountsAndRejections() {
        ImportHandle first = imports.tracker("sheets", SINK).begin("leads.csv", "c0ffee01", 100);
        first.reject(3, "row has no identifier");
        first.submit(List.of(rec("k2", 2), rec("bad4", 4)), 4);
        // The hub stops here: no complete(). A new run begins the same content again.

        ImportHandle resumed = imports.tracker("sheets", SINK).begin("leads-copy.csv", "c0ffee01", 100);

        assertThat(resumed.id()).isEqualTo(first.id());
        assertThat(resumed.alreadyCompleted()).isFalse();
        assertThat(resumed.resumeAfterRow()).isEqualTo(4);
        assertThat(resumed.startedAt()).isEqualTo(first.startedAt());
        resumed.submit(List.of(rec("k5", 5)), 5);
        ImportReport report = resumed.complete(5);

        assertThat(report.status()).isEqualTo(ImportReport.COMPLETED);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.rejectedCount()).isEqualTo(2);
        assertThat(report.rejected()).extracting(ImportReport.RejectedRow::row).containsExactly(3L, 4L);
        assertThat(imports.get(first.id())).contains(report);
    }

    @Test
    void completedContentIsRecognisedAndItsReportKept() {
        ImportHandle h = imports.tracker("sheets", SINK).begin("a.csv", "c0ffee02", 10);
        h.submit(List.of(rec("k2", 2)), 2);
        ImportReport done = h.complete(1);

        ImportHandle again = imports.tracker("sheets", SINK).begin("b.csv", "c0ffee02", 10);

        assertThat(again.alreadyCompleted()).isTrue();
        assertThat(again.report()).isEqualTo(done);
        assertThat(again.complete(0)).isEqualTo(done);
        // Another instance importing the same bytes is another import.
        assertThat(imports.tracker("other", SINK).begin("a.csv", "c0ffee02", 10).alreadyCompleted()).isFalse();
    }

    @Test
    void aFailedImportKeepsItsReason() {
        ImportHandle h = imports.tracker("sheets", SINK).begin("broken.xlsx", "c0ffee03", 10);

        ImportReport failed = h.fail("not a workbook");

        assertThat(failed.status()).isEqualTo(ImportReport.FAILED);
        assertThat(imports.get(h.id())).hasValueSatisfying(r -> assertThat(r.error()).isEqualTo("not a workbook"));
    }

    private static SourceRecord rec(String key, long row) {
        Lead lead = new Lead("x", null, null, null, List.of(Identifier.phone("13912345678")), null, null, null, null, Map.of(), null);
        return new SourceRecord(key, "row " + row, lead, null);
    }
}

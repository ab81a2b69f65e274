package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.IndexOperation;
import io.kehu.search.IndexNames;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class HubShapedDocumentsTest {

    private final IndexNames names = new IndexNames("bench-docs-");
    private final HubShapedDocuments documents = new HubShapedDocuments(names, "bench", "leads.csv", "abc");

    @Test
    void aRowBecomesAProfileItsInteractionAndOneClaimThatPointAtEachOther() throws IOException {
        List<BulkOperation> ops = documents.of(row("陈静,+86 139-0013-8000,Chen.Jing@Example.com,海纳百川,销售总监,展会,华北、重点"),
                2, "2026-11-23T00:00:00Z");

        assertThat(ops).extracting(op -> op.index().index())
                .containsExactly(names.profiles(), names.interactions(), names.identifiers());
        Map<String, Object> profile = source(ops.get(0));
        Map<String, Object> interaction = source(ops.get(1));
        Map<String, Object> claim = source(ops.get(2));
        String profileId = ops.get(0).index().id();
        assertThat(profile).containsEntry("id", profileId)
                .containsEntry("identifiers", List.of("phone:+86 139-0013-8000", "email:chen.jing@example.com"))
                .containsEntry("tags", List.of("华北", "重点"));
        assertThat(interaction).containsEntry("profileId", profileId).containsEntry("recordKey", "abc:2");
        assertThat(ops.get(1).index().id()).isEqualTo("sheet:abc:2");
        assertThat(ops.get(2).index().id()).isEqualTo("phone:+86 139-0013-8000");
        assertThat(claim).containsEntry("profileId", profileId).containsEntry("recordKey", "abc:2");
    }

    @Test
    void theFitScoreIsTheSumOfTheReasonsRecorded() throws IOException {
        Map<String, Object> withTitle = lifecycle(documents.of(row("陈静,,chen@example.com,海纳百川,采购经理,,"), 2, "t"));
        Map<String, Object> bare = lifecycle(documents.of(row("陈静,13900138000,,,,,"), 3, "t"));

        // company 10 + title 10 + decision maker 15 + name 5 + email 10; then name 5 + phone 10
        assertThat(withTitle).containsEntry("fit", 50).containsEntry("combined", 20);
        assertThat(bare).containsEntry("fit", 15);
        assertThat((List<?>) bare.get("reasons")).hasSize(2);
    }

    @Test
    void aRowWithoutIdentifiersWritesNoClaimAndEachRowGetsItsOwnProfileId() throws IOException {
        List<BulkOperation> first = documents.of(row("陈静,,,海纳百川,,,"), 2, "t");
        List<BulkOperation> second = documents.of(row("陈静,,,海纳百川,,,"), 3, "t");

        assertThat(first).hasSize(2);
        assertThat(first.get(0).index().id()).isNotEqualTo(second.get(0).index().id());
    }

    private static CSVRecord row(String line) throws IOException {
        String csv = String.join(",", LeadGenerator.HEADERS) + "\n" + line + "\n";
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))
                .getRecords().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(BulkOperation op) {
        IndexOperation<?> index = op.index();
        return (Map<String, Object>) index.document();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lifecycle(List<BulkOperation> ops) {
        return (Map<String, Object>) source(ops.get(0)).get("lifecycle");
    }
}

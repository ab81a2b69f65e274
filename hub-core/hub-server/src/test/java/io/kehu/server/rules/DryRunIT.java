package io.kehu.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.fixtures.StoredLifecycle;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dry run walks every stored profile page by page and counts; it writes nothing. */
class DryRunIT {

    private static final Instant CREATED = Instant.parse("2026-05-01T00:00:00Z");
    private static final LifecycleConfigLoader LOADER = new LifecycleConfigLoader();

    private static ElasticsearchClient client;
    private static IndexNames names;
    private static DryRun dryRun;
    private static LifecycleConfig current;

    @BeforeAll
    static void fixtures() throws Exception {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(DryRunIT.class);
        current = LOADER.loadDefault();
        // Two profiles a page: five profiles take three pages.
        dryRun = new DryRun(new Documents(client), names, new StoredFieldsEvaluator(), Clock.systemUTC(), 2);
        // Fit under the default rules: name 5 + company 10 + title with 总监 25 = 40; name and company = 15.
        new StoredLifecycle(client, names)
                .profile("d-1", "陈静", "蓝信软件", "销售总监", CREATED, "customer", 40, 100, 76, "A", 1)
                .profile("d-2", "王芳", "远景物流", "采购总监", CREATED, "engaged", 40, 60, 52, "B", 0)
                .profile("d-3", "李娜", "华信科技", null, CREATED, "lead", 15, 20, 18, "C", 0)
                .profile("d-4", "张伟", "华信科技", "技术总监", CREATED, "loyal", 40, 95, 73, "A", 3)
                .unscoredProfile("d-5", CREATED)
                .write();
    }

    private static LifecycleConfig candidate(String from, String to) throws Exception {
        String original = Files.readString(Path.of("../../config/lifecycle.yml"));
        assertThat(original).contains(from);
        String yaml = original.replace(from, to);
        return new LifecycleConfig(2, LOADER.parse(yaml).config().lifecycle(), LOADER.parse(yaml).config().scoring());
    }

    @Test
    void raisingTierThresholdsMovesProfilesDownATier() throws Exception {
        LifecycleConfig stricter = candidate("{ id: A, min: 70 }\n    - { id: B, min: 40 }",
                "{ id: A, min: 90 }\n    - { id: B, min: 60 }");

        DryRun.Report r = dryRun.run(current, stricter);

        assertThat(r.profiles()).isEqualTo(5);
        assertThat(r.candidateVersion()).isEqualTo(2);
        assertThat(r.before().tiers()).containsExactly(Map.entry("A", 2L), Map.entry("B", 1L), Map.entry("C", 1L),
                Map.entry(DryRun.UNSCORED, 1L));
        assertThat(r.after().tiers()).containsExactly(Map.entry("A", 0L), Map.entry("B", 2L), Map.entry("C", 3L));
        assertThat(r.tierMoves()).isEqualTo(Map.of("A", Map.of("B", 2L), "B", Map.of("C", 1L), "C", Map.of("C", 1L),
                DryRun.UNSCORED, Map.of("C", 1L)));
        // d-1, d-2 and d-4 change tier; d-5 gets a stage and a tier for the first time.
        assertThat(r.changed()).isEqualTo(4);
    }

    @Test
    void stagesAreCountedInModelOrderWithZerosAndMovesAsAMatrix() throws Exception {
        DryRun.Report r = dryRun.run(current, candidate("{ id: A, min: 70 }", "{ id: A, min: 90 }"));

        assertThat(r.before().stages()).containsExactly(Map.entry("lead", 1L), Map.entry("engaged", 1L),
                Map.entry("opportunity", 0L), Map.entry("customer", 1L), Map.entry("loyal", 1L),
                Map.entry("at_risk", 0L), Map.entry("churned", 0L), Map.entry("won_back", 0L),
                Map.entry(DryRun.UNSCORED, 1L));
        assertThat(r.after().stages()).containsEntry("lead", 2L).containsEntry("customer", 1L)
                .doesNotContainKey(DryRun.UNSCORED);
        assertThat(r.stageMoves()).containsEntry(DryRun.UNSCORED, Map.of("lead", 1L))
                .containsEntry("loyal", Map.of("loyal", 1L));
    }

    @Test
    void aHeavierFitWeightShowsInTiersBecauseFitIsRecomputedFromTheProfile() throws Exception {
        // combined = 0.9 fit + 0.1 engagement: d-1 falls from 76 to 46, d-4 from 73 to 46, d-2 to 42 (all B)
        DryRun.Report r = dryRun.run(current, candidate("fit: 0.4\n    engagement: 0.6", "fit: 0.9\n    engagement: 0.1"));

        assertThat(r.after().tiers()).containsEntry("A", 0L).containsEntry("B", 3L);
    }

    @Test
    void writesNothing() throws Exception {
        long seqNo = client.get(g -> g.index(names.profiles()).id("d-1"), JsonNode.class).seqNo();

        dryRun.run(current, candidate("{ id: A, min: 70 }", "{ id: A, min: 99 }"));

        var after = client.get(g -> g.index(names.profiles()).id("d-1"), JsonNode.class);
        assertThat(after.seqNo()).isEqualTo(seqNo);
        assertThat(after.source().path("lifecycle").path("tier").asText()).isEqualTo("A");
        assertThat(client.count(c -> c.index(names.profiles())).count()).isEqualTo(5);
    }
}

package io.kehu.server.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchPage;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.fixtures.StoredLifecycle;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The funnel answers over fixtures in the stored shape, against the real embedded node. May 2026 is the
 * period; the cohort is paged two profiles at a time so paging and merging are exercised.
 */
class FunnelIT {

    private static final Period MAY = new Period(day(1), Instant.parse("2026-06-01T00:00:00Z"));

    private static FunnelService funnel;

    private static Instant day(int mayDay) {
        return Instant.parse("2026-05-01T00:00:00Z").plus(Duration.ofDays(mayDay - 1));
    }

    private static Instant april(int day) {
        return Instant.parse("2026-04-01T00:00:00Z").plus(Duration.ofDays(day - 1));
    }

    @BeforeAll
    static void fixtures() {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = TestElasticsearch.indices(FunnelIT.class);
        LifecycleRules rules = new LifecycleRules(new LifecycleConfigLoader().loadDefault());
        funnel = new FunnelService(new Documents(client), names, rules, 2);
        new StoredLifecycle(client, names)
                // created in May, never moved: entered lead, not converted
                .profile("p-01", "甲", null, null, day(3), "lead", 20, 10, 14, "C", 0)
                // lead → engaged → opportunity
                .profile("p-02", "乙", null, null, day(5), "opportunity", 50, 40, 44, "B", 0)
                .change("p-02", "lead", "engaged", day(5), day(10))
                .change("p-02", "engaged", "opportunity", day(10), day(28))
                // lead straight to opportunity: reaching a later funnel stage converts to engaged
                .profile("p-03", "丙", null, null, day(6), "opportunity", 80, 70, 74, "A", 0)
                .change("p-03", "lead", "opportunity", day(6), day(12))
                // entered lead and engaged in April: outside the cohort; at risk in May
                .profile("p-04", "丁", null, null, april(1), "at_risk", 80, 80, 80, "A", 0)
                .change("p-04", "lead", "engaged", april(1), april(10))
                .change("p-04", "engaged", "at_risk", april(10), day(20))
                // lead to at risk is no conversion
                .profile("p-05", "戊", null, null, day(7), "at_risk", 80, 80, 80, "A", 3)
                .change("p-05", "lead", "at_risk", day(7), day(15))
                // set back to lead in May (a change into lead), engaged later in May
                .profile("p-06", "己", null, null, Instant.parse("2026-03-01T00:00:00Z"), "engaged", 50, 50, 50, "B", 1)
                .change("p-06", "customer", "lead", april(8), day(8))
                .change("p-06", "lead", "engaged", day(8), day(25))
                // engaged only after the period ends
                .profile("p-07", "庚", null, null, day(20), "engaged", 20, 10, 14, "C", 0)
                .change("p-07", "lead", "engaged", day(20), Instant.parse("2026-06-03T00:00:00Z"))
                .profile("p-09", "辛", null, null, Instant.parse("2026-01-05T00:00:00Z"), "at_risk", 60, 50, 55, "B", 1)
                .change("p-09", "customer", "at_risk", Instant.parse("2026-03-18T00:00:00Z"), day(18))
                // created in May but not scored yet: still every profile starts as a lead
                .unscoredProfile("p-10", day(15))
                // engaged the moment it was created
                .profile("p-11", "壬", null, null, day(9), "engaged", 20, 20, 20, "C", 0)
                .change("p-11", "lead", "engaged", day(9), day(9))
                // a stage a rules change since removed
                .profile("p-12", "癸", null, null, Instant.parse("2025-12-01T00:00:00Z"), "nurture", 0, 0, 0, "C", 0)
                .write();
    }

    @Test
    void countsProfilesPerStageInModelOrderWithZerosAndPerTier() {
        FunnelService.StageCounts counts = funnel.stages();

        assertThat(counts.total()).isEqualTo(11);
        assertThat(counts.unscored()).isEqualTo(1);
        assertThat(counts.stages()).extracting(FunnelService.StageCount::id, FunnelService.StageCount::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lead", 1L),
                        org.assertj.core.groups.Tuple.tuple("engaged", 3L),
                        org.assertj.core.groups.Tuple.tuple("opportunity", 2L),
                        org.assertj.core.groups.Tuple.tuple("customer", 0L),
                        org.assertj.core.groups.Tuple.tuple("loyal", 0L),
                        org.assertj.core.groups.Tuple.tuple("at_risk", 3L),
                        org.assertj.core.groups.Tuple.tuple("churned", 0L),
                        org.assertj.core.groups.Tuple.tuple("won_back", 0L),
                        org.assertj.core.groups.Tuple.tuple("nurture", 1L));
        assertThat(counts.stages().get(0).nameZh()).isEqualTo("线索");
        assertThat(counts.stages().get(5).nameEn()).isEqualTo("At risk");
        assertThat(counts.tiers()).extracting(FunnelService.TierCount::id, FunnelService.TierCount::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", 3L),
                        org.assertj.core.groups.Tuple.tuple("B", 3L),
                        org.assertj.core.groups.Tuple.tuple("C", 4L));
    }

    @Test
    void conversionFromLeadCountsCreatedAndReenteredProfilesOnceAndLaterStagesAsReached() {
        FunnelService.Conversion c = funnel.conversion("lead", "engaged", MAY);

        // entered: p-01 p-02 p-03 p-05 p-07 p-10 p-11 (created in May) and p-06 (changed into lead)
        assertThat(c.entered()).isEqualTo(8);
        // converted: p-02, p-03 (via opportunity), p-06, p-11 (same instant)
        assertThat(c.converted()).isEqualTo(4);
        assertThat(c.rate()).isEqualTo(0.5);
    }

    @Test
    void conversionFromALaterStageUsesItsStageChangesOnly() {
        FunnelService.Conversion c = funnel.conversion("engaged", "opportunity", MAY);

        // entered engaged in May: p-02, p-06, p-11; p-04 in April and p-07 in June do not count
        assertThat(c.entered()).isEqualTo(3);
        assertThat(c.converted()).isEqualTo(1);
        assertThat(c.rate()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void conversionOfAnEmptyPeriodHasNoRate() {
        FunnelService.Conversion c = funnel.conversion("lead", "engaged",
                new Period(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")));

        assertThat(c.entered()).isZero();
        assertThat(c.rate()).isNull();
    }

    @Test
    void conversionRefusesStagesOutsideTheModel() {
        assertThatThrownBy(() -> funnel.conversion("lead", "nurture", MAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'to'").hasMessageContaining("nurture");
    }

    @Test
    void timeInStageIsTheMedianOfTheChangesOutOfEachStageInThePeriod() {
        FunnelService.TimeInStage t = funnel.timeInStage(MAY);

        FunnelService.StageTime lead = t.stages().get(0);
        assertThat(lead.id()).isEqualTo("lead");
        // 0, 5, 6, 8 and 17 days; p-04's April change out of lead is outside the period
        assertThat(lead.changes()).isEqualTo(5);
        assertThat(lead.medianSeconds()).isEqualTo(6 * 86_400.0);
        assertThat(lead.p90Seconds()).isBetween(8 * 86_400.0, 17 * 86_400.0);
        FunnelService.StageTime engaged = t.stages().get(1);
        assertThat(engaged.changes()).isEqualTo(2);
        assertThat(engaged.medianSeconds()).isBetween(18 * 86_400.0, 40 * 86_400.0);
        FunnelService.StageTime loyal = t.stages().get(4);
        assertThat(loyal.changes()).isZero();
        assertThat(loyal.medianSeconds()).isNull();
    }

    @Test
    void atRiskListIsOrderedByCombinedScoreThenPurchasesAndPaged() {
        SearchPage<FunnelService.AtRiskProfile> first = funnel.atRisk(1, 2, null);
        SearchPage<FunnelService.AtRiskProfile> second = funnel.atRisk(2, 2, null);

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.items()).extracting(FunnelService.AtRiskProfile::id).containsExactly("p-05", "p-04");
        assertThat(second.items()).extracting(FunnelService.AtRiskProfile::id).containsExactly("p-09");
        FunnelService.AtRiskProfile top = first.items().get(0);
        assertThat(top.combined()).isEqualTo(80);
        assertThat(top.purchases()).isEqualTo(3);
        assertThat(top.tier()).isEqualTo("A");
        assertThat(top.name()).isEqualTo("戊");
    }

    @Test
    void atRiskRefusesPagesOutsideTheWindow() {
        assertThatThrownBy(() -> funnel.atRisk(0, 20, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> funnel.atRisk(1000, 20, null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.kehu.server.lifecycle.LifecycleFixtures.DEFAULTS;
import static io.kehu.server.lifecycle.LifecycleFixtures.NOW;
import static io.kehu.server.lifecycle.LifecycleFixtures.daysAgo;
import static io.kehu.server.lifecycle.LifecycleFixtures.emptyProfile;
import static io.kehu.server.lifecycle.LifecycleFixtures.interaction;
import static io.kehu.server.lifecycle.LifecycleFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.tuple;

class ScorerTest {

    private static final Profile FULL = profile("张伟", "上海精工制造有限公司", "采购总监", "上海",
            List.of("+8613800000001"), List.of("zhang.wei@example.cn"), Map.of("industry", "制造业"));

    private final Scorer scorer = new Scorer(DEFAULTS);

    private double points(Score score, String group, String rule) {
        return score.reasons().stream().filter(r -> r.group().equals(group) && r.rule().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError(group + "/" + rule + " did not fire")).points();
    }

    @Test
    void explainsEveryFitRuleThatFiredWithItsPoints() {
        Score score = scorer.score(FULL, List.of(), NOW);

        assertThat(score.reasons()).filteredOn(r -> r.group().startsWith("fit."))
                .extracting(ScoreReason::group, ScoreReason::rule, ScoreReason::points)
                .containsExactly(
                        tuple("fit.company", "hasCompany", 10.0),
                        tuple("fit.company", "targetIndustry", 15.0),
                        tuple("fit.role", "hasTitle", 10.0),
                        tuple("fit.role", "decisionMaker", 15.0),
                        tuple("fit.region", "hasRegion", 5.0),
                        tuple("fit.region", "targetRegion", 15.0),
                        tuple("fit.contact", "hasName", 5.0),
                        tuple("fit.contact", "hasPhone", 10.0),
                        tuple("fit.contact", "hasEmail", 10.0),
                        tuple("fit.contact", "hasPhoneAndEmail", 5.0),
                        tuple("fit.contact", "cap", -5.0));
        assertThat(score.fit()).isEqualTo(95);
        assertThat(score.engagement()).isZero();
        assertThat(score.rulesVersion()).isEqualTo(1);
    }

    @Test
    void decisionMakerKeywordsMatchEnglishTitlesIgnoringCase() {
        Profile p = profile(null, null, "vp of Engineering", "SG", null, null, null);

        Score score = scorer.score(p, List.of(), NOW);

        assertThat(points(score, "fit.role", "decisionMaker")).isEqualTo(15.0);
        assertThat(points(score, "fit.region", "targetRegion")).isEqualTo(15.0);
        assertThat(score.fit()).isEqualTo(10 + 15 + 5 + 15);
    }

    @Test
    void emptyProfileWithoutInteractionsScoresZeroAndExplainsNothing() {
        Score score = scorer.score(emptyProfile(), List.of(), NOW);

        assertThat(score).isEqualTo(new Score(0, 0, 0, "C", 1, List.of()));
    }

    @Test
    void sameInteractionCountsHalfAfterOneHalfLife() {
        InteractionDoc fresh = interaction("reply", "email", NOW);
        InteractionDoc oneHalfLife = interaction("reply", "email", daysAgo(30));
        InteractionDoc twoHalfLives = interaction("reply", "email", daysAgo(60));
        InteractionDoc halfAHalfLife = interaction("reply", "email", daysAgo(15));

        assertThat(points(scorer.score(emptyProfile(), List.of(fresh), NOW), "engagement.conversation", "reply@email"))
                .isCloseTo(8.0, within(1e-9));
        assertThat(points(scorer.score(emptyProfile(), List.of(oneHalfLife), NOW), "engagement.conversation",
                "reply@email")).isCloseTo(4.0, within(1e-9));
        assertThat(points(scorer.score(emptyProfile(), List.of(twoHalfLives), NOW), "engagement.conversation",
                "reply@email")).isCloseTo(2.0, within(1e-9));
        assertThat(points(scorer.score(emptyProfile(), List.of(halfAHalfLife), NOW), "engagement.conversation",
                "reply@email")).isCloseTo(8.0 / Math.sqrt(2), within(1e-9));
        assertThat(Scorer.decay(daysAgo(30), NOW, 30)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void channelMultiplierScalesTheTypeWeight() {
        Score score = scorer.score(emptyProfile(), List.of(
                interaction("reply", "wecom", NOW),
                interaction("reply", "spreadsheet", NOW),
                interaction("reply", "fax", NOW)), NOW);

        assertThat(points(score, "engagement.conversation", "reply@wecom")).isCloseTo(9.6, within(1e-9));
        assertThat(points(score, "engagement.conversation", "reply@spreadsheet")).isCloseTo(4.0, within(1e-9));
        assertThat(points(score, "engagement.conversation", "reply@fax")).isCloseTo(8.0, within(1e-9));
        assertThat(score.engagement()).isEqualTo(22);
    }

    @Test
    void interactionsOfTheSameTypeAndChannelAreSummedIntoOneReason() {
        Score score = scorer.score(emptyProfile(), List.of(
                interaction("quote", "email", NOW), interaction("quote", "email", daysAgo(30))), NOW);

        assertThat(score.reasons()).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo("engagement.intent");
            assertThat(r.rule()).isEqualTo("quote@email");
            assertThat(r.points()).isCloseTo(15 + 7.5, within(1e-9));
            assertThat(r.detail()).contains("2 interaction(s)", "weight 15", "halved every 30 days");
        });
    }

    @Test
    void groupOverItsCapIsCutAndTheExplanationSaysSo() {
        List<InteractionDoc> replies = Collections.nCopies(6, interaction("reply", "wecom", NOW));

        Score score = scorer.score(emptyProfile(), replies, NOW);

        assertThat(points(score, "engagement.conversation", "reply@wecom")).isCloseTo(57.6, within(1e-9));
        assertThat(score.reasons()).filteredOn(r -> r.rule().equals("cap")).singleElement().satisfies(r -> {
            assertThat(r.group()).isEqualTo("engagement.conversation");
            assertThat(r.points()).isCloseTo(-17.6, within(1e-9));
            assertThat(r.detail()).isEqualTo("group total 57.60 cut to its cap 40");
        });
        assertThat(score.engagement()).isEqualTo(40);
    }

    @Test
    void typesInNoGroupAndFutureInteractionsEarnNothing() {
        Score score = scorer.score(emptyProfile(), List.of(
                interaction("import", "spreadsheet", NOW),
                interaction("order", "email", NOW.plusSeconds(60))), NOW);

        assertThat(score.engagement()).isZero();
        assertThat(score.reasons()).isEmpty();
    }

    @Test
    void combinedWeighsFitAndEngagement() {
        List<InteractionDoc> replies = Collections.nCopies(6, interaction("reply", "wecom", NOW));

        Score score = scorer.score(FULL, replies, NOW);

        // 0.4 × 95 + 0.6 × 40 = 62
        assertThat(score.combined()).isEqualTo(62);
        assertThat(score.tier()).isEqualTo("B");
    }

    @Test
    void tiersAtTheirBoundaries() {
        assertThat(scorer.tier(100)).isEqualTo("A");
        assertThat(scorer.tier(70)).isEqualTo("A");
        assertThat(scorer.tier(69)).isEqualTo("B");
        assertThat(scorer.tier(40)).isEqualTo("B");
        assertThat(scorer.tier(39)).isEqualTo("C");
        assertThat(scorer.tier(0)).isEqualTo("C");
    }

    @Test
    void scoresReachTierAWithStrongFitAndEngagement() {
        List<InteractionDoc> timeline = List.of(
                interaction("reply", "wecom", NOW), interaction("meeting", "wecom", daysAgo(1)),
                interaction("quote", "email", daysAgo(2)), interaction("contract", "email", daysAgo(3)));

        Score score = scorer.score(FULL, timeline, NOW);

        assertThat(score.engagement()).isGreaterThanOrEqualTo(50);
        assertThat(score.combined()).isGreaterThanOrEqualTo(70);
        assertThat(score.tier()).isEqualTo("A");
    }
}

package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.kehu.server.lifecycle.LifecycleFixtures.DEFAULTS;
import static io.kehu.server.lifecycle.LifecycleFixtures.NOW;
import static io.kehu.server.lifecycle.LifecycleFixtures.daysAgo;
import static io.kehu.server.lifecycle.LifecycleFixtures.emptyProfile;
import static io.kehu.server.lifecycle.LifecycleFixtures.interaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Property-style: for random timelines, folding interactions in one by one in random order, in random
 * batches at increasing times, and merging the summaries of random parts must score and stage exactly as
 * the list-based rules do on the whole timeline; and those must agree with the list-based rules as they
 * were before summaries ({@link TimelineScoreOracle}, {@link TimelineStageOracle}).
 */
class SummaryAgreementTest {

    private static final String[] TYPES = {"import", "message", "email", "reply", "form", "meeting", "quote",
        "contract", "order", "purchase", "complaint", "unsubscribe", null};
    private static final String[] CHANNELS = {"wecom", "email", "spreadsheet", "webform", "fax", null};
    private static final String[] STAGES = {"lead", "engaged", "opportunity", "customer", "loyal", "at_risk",
        "churned", "won_back"};

    private final SignalFolder folder = SignalFolder.of(DEFAULTS);
    private final Scorer scorer = new Scorer(DEFAULTS);
    private final StageEngine engine = new StageEngine(DEFAULTS.lifecycle());
    private final TimelineScoreOracle oldScorer = new TimelineScoreOracle(DEFAULTS);
    private final TimelineStageOracle oldEngine = new TimelineStageOracle(DEFAULTS.lifecycle());
    private final Profile profile = LifecycleFixtures.profile("张伟", "华信科技", "采购经理", "上海",
            List.of("+8613912345678"), List.of(), Map.of());

    @RepeatedTest(100)
    void foldingInAnyOrderAgreesWithTheWholeTimeline(RepetitionInfo run) {
        Random random = new Random(run.getCurrentRepetition());
        List<InteractionDoc> timeline = timeline(random);
        List<InteractionDoc> shuffled = new ArrayList<>(timeline);
        Collections.shuffle(shuffled, random);

        SignalFolder.Acc acc = folder.open(folder.empty(true));
        shuffled.forEach(i -> acc.fold(i, NOW));
        SignalSummary incremental = acc.close();

        assertAgree(timeline, incremental, random);
    }

    @RepeatedTest(100)
    void mergingSummariesOfPartsAgreesWithTheWholeTimeline(RepetitionInfo run) {
        Random random = new Random(1000 + run.getCurrentRepetition());
        List<InteractionDoc> timeline = timeline(random);
        List<InteractionDoc> shuffled = new ArrayList<>(timeline);
        Collections.shuffle(shuffled, random);
        int cut = shuffled.isEmpty() ? 0 : random.nextInt(shuffled.size() + 1);

        // Two profiles built apart, each folded at its own (ingest) times, then merged.
        SignalSummary a = foldInBatches(shuffled.subList(0, cut), random);
        SignalSummary b = foldInBatches(shuffled.subList(cut, shuffled.size()), random);
        SignalSummary merged = folder.open(a).merge(b).close();

        assertAgree(timeline, merged, random);
        assertThat(merged.basis()).isEqualTo(folder.basis());
    }

    @RepeatedTest(100)
    void summaryBasedRulesAgreeWithTheListBasedRulesTheyReplaced(RepetitionInfo run) {
        Random random = new Random(2000 + run.getCurrentRepetition());
        // The old rules ordered interactions of the same instant by list position; the summary cannot.
        List<InteractionDoc> timeline = timeline(random, false);

        Score expected = oldScorer.score(profile, timeline, NOW);
        Score actual = scorer.score(profile, timeline, NOW);
        assertThat(actual.engagement()).isEqualTo(expected.engagement());
        assertThat(actual.combined()).isEqualTo(expected.combined());
        assertThat(actual.reasons()).hasSameSizeAs(expected.reasons());
        for (ScoreReason e : expected.reasons()) {
            assertThat(actual.reasons()).anySatisfy(a -> {
                assertThat(a.group() + a.rule() + a.detail()).isEqualTo(e.group() + e.rule() + e.detail());
                assertThat(a.points()).isCloseTo(e.points(), within(1e-6));
            });
        }
        for (int k = 0; k < 5; k++) {
            StageState state = new StageState(STAGES[random.nextInt(STAGES.length)],
                    daysAgo(random.nextInt(90)), false, random.nextInt(3));
            assertThat(engine.decide(state, profile, timeline, NOW)).isEqualTo(oldEngine.decide(state, profile, timeline, NOW));
        }
    }

    @Test
    void mergingWithASummaryOfOtherRulesMakesItIncomplete() {
        SignalFolder otherHalfLife = new SignalFolder(DEFAULTS.lifecycle().signals(), 7);
        SignalSummary merged = folder.open(folder.empty(true)).merge(otherHalfLife.empty(true)).close();

        assertThat(merged.completeFor(folder.basis())).isFalse();
        assertThat(folder.empty(false).completeFor(folder.basis())).isFalse();
        assertThat(SignalFolder.of(DEFAULTS).basis()).isEqualTo(folder.basis());
    }

    @Test
    void aReplayedInteractionIdIsFoldedInOnce() {
        InteractionDoc reply = interaction("reply", "wecom", daysAgo(1));
        SignalFolder.Acc acc = folder.open(folder.empty(true));

        assertThat(acc.foldNew(reply, NOW)).isTrue();
        SignalSummary once = acc.close();
        assertThat(folder.open(once).foldNew(reply, NOW)).isFalse();
        assertThat(once.interactions()).isEqualTo(1);
        assertThat(once.recentIds()).containsExactly(reply.id());
    }

    @Test
    void theHubsOwnStageChangeEntriesNeverCount() {
        InteractionDoc entry = interaction("stage-change", SignalFolder.TIMELINE_CHANNEL, daysAgo(1));
        SignalFolder.Acc acc = folder.open(folder.empty(true));

        assertThat(acc.fold(entry, NOW)).isFalse();
        assertThat(acc.close().interactions()).isZero();
    }

    @Test
    void anInteractionFromTheFutureCountsAsNow() {
        SignalFolder.Acc acc = folder.open(folder.empty(true));
        acc.foldNew(interaction("reply", "email", NOW.plusSeconds(3600)), NOW);

        SignalSummary s = acc.close();
        assertThat(s.lastReply()).isEqualTo(NOW);
        assertThat(scorer.score(emptyProfile(), s, NOW).engagement()).isEqualTo(8);
    }

    /** Folds the parts in a few batches at increasing ingest times, all at or before NOW. */
    private SignalSummary foldInBatches(List<InteractionDoc> part, Random random) {
        List<InteractionDoc> byTime = new ArrayList<>(part);
        byTime.sort(java.util.Comparator.comparing(InteractionDoc::occurredAt));
        SignalSummary s = folder.empty(true);
        int i = 0;
        while (i < byTime.size()) {
            int end = Math.min(byTime.size(), i + 1 + random.nextInt(4));
            // Ingest "now" is the newest interaction of the batch: nothing is from the future.
            Instant ingestNow = byTime.get(end - 1).occurredAt();
            List<InteractionDoc> batch = new ArrayList<>(byTime.subList(i, end));
            Collections.shuffle(batch, random);
            SignalFolder.Acc acc = folder.open(s);
            batch.forEach(doc -> acc.foldNew(doc, ingestNow));
            s = acc.close();
            i = end;
        }
        return s;
    }

    private void assertAgree(List<InteractionDoc> timeline, SignalSummary summary, Random random) {
        Score expected = scorer.score(profile, timeline, NOW);
        Score actual = scorer.score(profile, summary, NOW);
        assertThat(actual.fit()).isEqualTo(expected.fit());
        assertThat(actual.engagement()).isEqualTo(expected.engagement());
        assertThat(actual.combined()).isEqualTo(expected.combined());
        assertThat(actual.tier()).isEqualTo(expected.tier());
        assertThat(actual.reasons()).hasSameSizeAs(expected.reasons());
        for (int i = 0; i < expected.reasons().size(); i++) {
            ScoreReason e = expected.reasons().get(i);
            ScoreReason a = actual.reasons().get(i);
            assertThat(a.rule()).isEqualTo(e.rule());
            assertThat(a.detail()).isEqualTo(e.detail());
            assertThat(a.points()).isCloseTo(e.points(), within(1e-6));
        }
        for (int k = 0; k < 5; k++) {
            StageState state = new StageState(STAGES[random.nextInt(STAGES.length)],
                    daysAgo(random.nextInt(90)), false, random.nextInt(3));
            assertThat(engine.decide(state, profile, summary, NOW))
                    .isEqualTo(engine.decide(state, profile, timeline, NOW));
        }
    }

    private static List<InteractionDoc> timeline(Random random) {
        return timeline(random, true);
    }

    /** Up to 30 interactions over 120 days, distinct ids, some at the same instant if {@code ties}. */
    private static List<InteractionDoc> timeline(Random random, boolean ties) {
        int n = random.nextInt(31);
        List<InteractionDoc> out = new ArrayList<>();
        Instant shared = daysAgo(random.nextInt(120));
        for (int i = 0; i < n; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            Instant at = ties && random.nextInt(6) == 0 ? shared : daysAgo(random.nextDouble() * 120);
            Map<String, String> details = switch (random.nextInt(8)) {
                case 0 -> Map.of("sentiment", "negative");
                case 1 -> Map.of("sentiment", "positive");
                case 2 -> Map.of("direction", "inbound");
                default -> Map.of();
            };
            out.add(new InteractionDoc("i" + i, "p1", type, channel, "c1", "k" + i, at, at, "s", details));
        }
        return out;
    }
}

package io.kehu.server.lifecycle;

import io.kehu.api.testing.MutableClock;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.Profile;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import io.kehu.search.InteractionDoc;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.ProfileStore;
import io.kehu.search.StageChangeDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.ingest.IngestService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Stages and scores stored on profiles through the ingest path, the sweep and the manual API, on the real node. */
class LifecycleIT {

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final IdentifierNormalizer NORMALIZER = IdentifierNormalizer.create("CN", BlockList.defaults());

    private final MutableClock clock = new MutableClock(T0);
    private final List<StageChangeEvent> heard = new CopyOnWriteArrayList<>();
    private final List<String> notStoredWhenHeard = new CopyOnWriteArrayList<>();
    private Documents docs;
    private IndexNames names;
    private IndexManager indices;
    private ProfileStore profiles;
    private IngestService ingest;
    private LifecycleSweep sweep;
    private ManualStageService manual;

    @BeforeEach
    void freshIndices() {
        ElasticsearchClient client = TestElasticsearch.client();
        names = new IndexNames(TestElasticsearch.indexPrefix(LifecycleIT.class) + RUN.incrementAndGet() + "-");
        indices = new IndexManager(client, names);
        indices.ensureIndices();
        docs = new Documents(client);
        profiles = new ProfileStore(docs, names);
        BulkWriter bulk = new BulkWriter(client);
        LifecycleRules rules = new LifecycleRules(new LifecycleConfigLoader().loadDefault());
        // Listeners must only hear of changes that are stored: check that while listening.
        StageChangeListener listener = changes -> changes.forEach(c -> {
            heard.add(c);
            if (stageChanges(c.profileId()).stream().noneMatch(d -> d.to().equals(c.to()) && d.at().equals(c.at()))) {
                notStoredWhenHeard.add(c.profileId() + " " + c.to());
            }
        });
        StageChangeRecorder recorder = new StageChangeRecorder(names, List.of(listener));
        ingest = new IngestService(docs, bulk, names, NORMALIZER, rules,
                recorder, clock, 1000, true);
        PointInTimeScan scan = new PointInTimeScan(client);
        // Pages of two: every sweep here walks more than one page.
        sweep = new LifecycleSweep(scan, bulk, names, rules, new SummaryRebuilder(scan, names, 2), recorder, clock, 2);
        manual = new ManualStageService(docs, bulk, names, rules, recorder, clock);
    }

    @Test
    void replyMovesANewLeadToEngagedAndRecordsTheChangeEverywhere() {
        String id = submit("r1", "13912345678", "import", "spreadsheet");
        assertThat(lifecycle(id).stage()).isEqualTo("lead");
        assertThat(heard).isEmpty();

        clock.advance(Duration.ofHours(1));
        submit("r2", "13912345678", "reply", "wecom");

        ProfileLifecycle l = lifecycle(id);
        assertThat(l.stage()).isEqualTo("engaged");
        assertThat(l.stageSince()).isEqualTo(clock.instant());
        assertThat(l.engagement()).isEqualTo(10); // reply 8 × wecom 1.2
        assertThat(l.reasons()).extracting(ScoreReason::rule).contains("reply@wecom", "hasPhone");
        StageChangeDoc change = single(stageChanges(id));
        assertThat(change).extracting(StageChangeDoc::from, StageChangeDoc::to, StageChangeDoc::by,
                StageChangeDoc::manual, StageChangeDoc::rulesVersion).containsExactly("lead", "engaged", "rules", false, 1);
        assertThat(change.secondsInFrom()).isEqualTo(3600);
        assertThat(change.reason()).isEqualTo("reply");
        List<InteractionDoc> timeline = profiles.timeline(profile(id), 0, 10).items();
        assertThat(timeline).filteredOn(i -> i.type().equals("stage-change")).singleElement()
                .satisfies(i -> assertThat(i.channel()).isEqualTo("lifecycle"));
        // The timeline entry is not an interaction of the person: it earned no points and no touch.
        assertThat(lifecycle(id).signals().interactions()).isEqualTo(2);
        assertThat(heard).singleElement().satisfies(e -> {
            assertThat(e.to()).isEqualTo("engaged");
            assertThat(e.combined()).isEqualTo(l.combined());
        });
        assertThat(notStoredWhenHeard).isEmpty();
    }

    @Test
    void theSecondTouchEngages() {
        String id = submit("r1", "13912345678", "message", "wecom");
        assertThat(lifecycle(id).stage()).isEqualTo("lead");
        submit("r2", "13912345678", "message", "wecom");
        assertThat(lifecycle(id).stage()).isEqualTo("engaged");
        assertThat(single(stageChanges(id)).reason()).startsWith("2 touches");
    }

    @Test
    void quoteContractAndPurchasesWalkTheFunnelToLoyal() {
        String id = submit("r1", "13912345678", "quote", "email");
        assertThat(lifecycle(id).stage()).isEqualTo("opportunity");
        clock.advance(Duration.ofDays(1));
        submit("r2", "13912345678", "contract", "email");
        assertThat(lifecycle(id).stage()).isEqualTo("customer");
        clock.advance(Duration.ofDays(1));
        submit("r3", "13912345678", "order", "webform");
        assertThat(lifecycle(id).stage()).isEqualTo("customer");
        assertThat(lifecycle(id).purchases()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        submit("r4", "13912345678", "purchase", "email");

        assertThat(lifecycle(id).stage()).isEqualTo("loyal");
        assertThat(stageChanges(id)).extracting(StageChangeDoc::to)
                .containsExactly("loyal", "customer", "opportunity");
        assertThat(heard).extracting(StageChangeEvent::to).containsExactly("opportunity", "customer", "loyal");
    }

    @Test
    void aFirstPurchaseMakesACustomer() {
        String id = submit("r1", "13912345678", "order", "webform");
        assertThat(lifecycle(id).stage()).isEqualTo("customer");
        assertThat(single(stageChanges(id)).reason()).isEqualTo("purchase");
    }

    @Test
    void negativeSignalPutsACustomerAtRisk() {
        String id = submit("r1", "13912345678", "contract", "email");
        clock.advance(Duration.ofHours(1));
        submit("r2", "13912345678", "complaint", "wecom");

        assertThat(lifecycle(id).stage()).isEqualTo("at_risk");
        assertThat(stageChanges(id).get(0).reason()).startsWith("negative signal: complaint@wecom");
    }

    @Test
    void idleProfilesGoAtRiskThenChurnInTheSweepAndAPositiveInteractionWinsThemBack() {
        String id = submit("r1", "13912345678", "reply", "wecom");
        assertThat(lifecycle(id).stage()).isEqualTo("engaged");

        clock.advance(Duration.ofDays(29));
        assertThat(sweep.runIfIdle(LifecycleSweep.Mode.SCORE).orElseThrow().stageChanges()).isZero();
        assertThat(lifecycle(id).stage()).isEqualTo("engaged");

        clock.advance(Duration.ofDays(1));
        sweep.runIfIdle(LifecycleSweep.Mode.SCORE);
        assertThat(lifecycle(id).stage()).isEqualTo("at_risk");
        assertThat(stageChanges(id).get(0)).extracting(StageChangeDoc::by, StageChangeDoc::reason)
                .containsExactly("sweep", "no interaction for 30 days");

        clock.advance(Duration.ofDays(30));
        sweep.runIfIdle(LifecycleSweep.Mode.SCORE);
        assertThat(lifecycle(id).stage()).isEqualTo("churned");

        clock.advance(Duration.ofDays(3));
        submit("r2", "13912345678", "meeting", "wecom");
        assertThat(lifecycle(id).stage()).isEqualTo("won_back");
        assertThat(stageChanges(id)).extracting(StageChangeDoc::to)
                .containsExactly("won_back", "churned", "at_risk", "engaged");
        assertThat(heard).extracting(StageChangeEvent::to).containsExactly("engaged", "at_risk", "churned", "won_back");
        assertThat(notStoredWhenHeard).isEmpty();
    }

    @Test
    void theSweepDecaysEngagementAndWritesOnlyWhatChanged() {
        String id = submit("r1", "13912345678", "quote", "email");
        submit("r2", "13812345678", "import", "spreadsheet");
        assertThat(lifecycle(id).engagement()).isEqualTo(15);

        clock.advance(Duration.ofDays(30));
        LifecycleSweep.Result r = sweep.runIfIdle(LifecycleSweep.Mode.SCORE).orElseThrow();

        assertThat(lifecycle(id).engagement()).isEqualTo(8); // 15 halved after one half-life, rounded
        assertThat(points(lifecycle(id), "quote@email")).isCloseTo(7.5, within(1e-6));
        assertThat(r.profiles()).isEqualTo(2);
        assertThat(r.changed()).isEqualTo(2); // both idled into at_risk as well
        LifecycleSweep.Result again = sweep.runIfIdle(LifecycleSweep.Mode.SCORE).orElseThrow();
        assertThat(again.profiles()).isEqualTo(2);
        assertThat(again.changed()).isZero();
    }

    @Test
    void aManualStageIsKeptByIngestAndSweepUntilReleased() {
        String id = submit("r1", "13912345678", "reply", "wecom");
        clock.advance(Duration.ofHours(1));
        ManualStageService.Outcome set = manual.set(id, "customer", "signed offline", "sara");
        assertThat(set.changes()).singleElement().satisfies(c -> {
            assertThat(c.by()).isEqualTo("sara");
            assertThat(c.manual()).isTrue();
            assertThat(c.reason()).isEqualTo("set manually: signed offline");
        });

        clock.advance(Duration.ofHours(1));
        submit("r2", "13912345678", "complaint", "wecom");
        assertThat(lifecycle(id)).extracting(ProfileLifecycle::stage, ProfileLifecycle::manual)
                .containsExactly("customer", true);
        clock.advance(Duration.ofDays(40));
        sweep.runIfIdle(LifecycleSweep.Mode.SCORE);
        assertThat(lifecycle(id).stage()).isEqualTo("customer");

        ManualStageService.Outcome released = manual.release(id, "sara");
        // The rules take over at once: the complaint came after the stage was set.
        assertThat(lifecycle(id)).extracting(ProfileLifecycle::stage, ProfileLifecycle::manual)
                .containsExactly("at_risk", false);
        assertThat(released.changes()).singleElement().satisfies(c -> assertThat(c.by()).isEqualTo("sara"));
        assertThat(heard).extracting(StageChangeEvent::to).containsExactly("engaged", "customer", "at_risk");
        assertThat(heard.get(1).manual()).isTrue();
    }

    @Test
    void anUnknownStageIsRefused() {
        String id = submit("r1", "13912345678", "reply", "wecom");
        assertThatThrownBy(() -> manual.set(id, "vip", null, "sara"))
                .isInstanceOf(ManualStageService.UnknownStageException.class)
                .hasMessageContaining("vip");
        assertThat(lifecycle(id).stage()).isEqualTo("engaged");
    }

    @Test
    void aReplayedInteractionIsNotCountedTwice() {
        String id = submit("r1", "13912345678", "message", "wecom");
        submit("r1", "13912345678", "message", "wecom");
        assertThat(lifecycle(id).signals().interactions()).isEqualTo(1);
        assertThat(lifecycle(id).stage()).isEqualTo("lead");

        // A crash after the profile write but before the interaction write: the replay finds no stored
        // interaction, but the profile remembers having folded it in.
        docs.delete(names.interactions(), "i-r1");
        submit("r1", "13912345678", "message", "wecom");
        assertThat(lifecycle(id).signals().interactions()).isEqualTo(1);
        assertThat(lifecycle(id).stage()).isEqualTo("lead");
        assertThat(docs.get(names.interactions(), "i-r1", InteractionDoc.class)).isPresent();
    }

    @Test
    void aMergeMergesSummariesAndKeepsTheFurtherStage() {
        String byPhone = submit("r1", "13912345678", "reply", "wecom");
        String byEmail = ingestOne(record("r2", List.of(Identifier.email("zhang.wei@huaxin.cn")), "quote", "email"));
        assertThat(lifecycle(byPhone).stage()).isEqualTo("engaged");
        assertThat(lifecycle(byEmail).stage()).isEqualTo("opportunity");

        String survivor = ingestOne(record("r3", List.of(Identifier.phone("13912345678"),
                Identifier.email("zhang.wei@huaxin.cn")), "message", "email"));

        ProfileLifecycle l = lifecycle(survivor);
        assertThat(l.stage()).isEqualTo("opportunity");
        assertThat(l.signals().interactions()).isEqualTo(3);
        assertThat(l.engagement()).isEqualTo(29); // reply 8 × 1.2 + quote 15 + message 4
        assertThat(l.reasons()).extracting(ScoreReason::rule).contains("reply@wecom", "quote@email", "message@email");
    }

    @Test
    void theRebuildRecomputesSummariesFromTheTimelineAndProfilesWithoutOneAreRebuiltBySweeping() {
        String id = submit("r1", "13912345678", "reply", "wecom");
        submit("r2", "13912345678", "quote", "email");
        ProfileLifecycle before = lifecycle(id);
        // A profile stored before lifecycles were: no lifecycle field, interactions on its timeline.
        Profile old = new Profile("p-old", "旧客户", null, null, null, null, null, List.of(), List.of(), List.of(),
                List.of(), List.of(), null, null, Map.of(), List.of(), T0, T0, T0);
        docs.put(names.profiles(), old.id(), old, true);
        docs.put(names.interactions(), "old-1", new InteractionDoc("old-1", "p-old", "contract", "email", "c", "k",
                T0, T0, "s", Map.of()), true);

        LifecycleSweep.Result r = sweep.runIfIdle(LifecycleSweep.Mode.REBUILD).orElseThrow();

        assertThat(r.rebuilt()).isEqualTo(2);
        ProfileLifecycle after = lifecycle(id);
        assertThat(after.sameStanding(before)).isTrue();
        assertThat(after.signals().interactions()).isEqualTo(before.signals().interactions());
        assertThat(lifecycle("p-old").stage()).isEqualTo("customer");
        assertThat(lifecycle("p-old").signals().completeFor(SignalFolder.of(new LifecycleConfigLoader().loadDefault()).basis()))
                .isTrue();
        assertThat(sweep.runIfIdle(LifecycleSweep.Mode.SCORE).orElseThrow().rebuilt()).isZero();
    }

    @Test
    void theSweepWalksMoreProfilesThanOnePage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit("r" + i, "1391234567" + i, "reply", "wecom"));
        }
        clock.advance(Duration.ofDays(31));

        LifecycleSweep.Result r = sweep.runIfIdle(LifecycleSweep.Mode.SCORE).orElseThrow();

        assertThat(r.profiles()).isEqualTo(5);
        assertThat(r.stageChanges()).isEqualTo(5);
        ids.forEach(id -> assertThat(lifecycle(id).stage()).isEqualTo("at_risk"));
    }

    private String submit(String key, String phone, String type, String channel) {
        return ingestOne(record(key, List.of(Identifier.phone(phone)), type, channel));
    }

    private String ingestOne(SourceRecord record) {
        assertThat(ingest.submit("test", List.of(record)).rejected()).isEmpty();
        String claim = NORMALIZER.normalizeAll(record.lead().identifiers()).get(0).normalized().key();
        return docs.get(names.identifiers(), claim, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    private SourceRecord record(String key, List<Identifier> ids, String type, String channel) {
        Lead lead = new Lead("张伟", null, null, null, ids, "test", List.of(), null, null, Map.of(), clock.instant());
        return new SourceRecord(key, key, lead, new Interaction("i-" + key, type, channel, clock.instant(), type, Map.of()));
    }

    private ProfileLifecycle lifecycle(String id) {
        return docs.get(names.profiles(), id, StoredProfile.class).map(VersionedDoc::source).orElseThrow().lifecycle();
    }

    private Profile profile(String id) {
        return profiles.get(id).orElseThrow();
    }

    private List<StageChangeDoc> stageChanges(String profileId) {
        indices.refresh();
        return profiles.stageHistory(new Profile(profileId, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null), 100);
    }

    private static double points(ProfileLifecycle l, String rule) {
        return l.reasons().stream().filter(r -> r.rule().equals(rule)).mapToDouble(ScoreReason::points).sum();
    }

    private static <T> T single(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}

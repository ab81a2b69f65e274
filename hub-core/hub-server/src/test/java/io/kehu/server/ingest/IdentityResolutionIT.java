package io.kehu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.Profile;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.testing.MutableClock;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileQuery;
import io.kehu.search.ProfileStore;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.IdentifierNormalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity resolution against the real embedded Elasticsearch node. */
class IdentityResolutionIT {

    private static final AtomicInteger RUN = new AtomicInteger();

    private ElasticsearchClient client;
    private IndexNames names;
    private IndexManager indices;
    private Documents docs;
    private ProfileStore profiles;
    private IngestService ingest;

    @BeforeEach
    void freshIndices() {
        client = TestElasticsearch.client();
        names = new IndexNames(TestElasticsearch.indexPrefix(IdentityResolutionIT.class) + RUN.incrementAndGet() + "-");
        indices = new IndexManager(client, names);
        indices.ensureIndices();
        docs = new Documents(client);
        profiles = new ProfileStore(docs, names);
        ingest = new IngestService(docs, new BulkWriter(client), names,
                IdentifierNormalizer.create("CN", BlockList.defaults()), Clock.systemUTC(), 1000, false);
    }

    @Test
    void chainOfPhoneEmailAndBothBecomesOneProfileInOneBatch() {
        IngestResult r = ingest.submit("test", List.of(
                record("r1", "张伟", null, Identifier.phone("139 1234 5678")),
                record("r2", "Zhang Wei", null, Identifier.email("zhang.wei@huaxin-tech.cn")),
                record("r3", null, "华信科技", Identifier.phone("+86 139-1234-5678"), Identifier.email("Zhang.Wei@HUAXIN-TECH.cn"))));

        assertThat(r.rejected()).isEmpty();
        assertThat(r.created()).isEqualTo(1);
        List<Profile> all = allProfiles();
        assertThat(all).hasSize(1);
        Profile p = all.get(0);
        assertThat(p.phones()).containsExactly("+8613912345678");
        assertThat(p.emails()).containsExactly("zhang.wei@huaxin-tech.cn");
        assertThat(p.names()).contains("张伟", "Zhang Wei");
        assertThat(p.company()).isEqualTo("华信科技");
    }

    @Test
    void chainAcrossBatchesMergesTwoProfilesAndKeepsAMergeRecord() {
        ingest.submit("test", List.of(record("r1", "张伟", null, Identifier.phone("13912345678"))));
        ingest.submit("test", List.of(record("r2", "Zhang Wei", null, Identifier.email("zhang.wei@huaxin-tech.cn"))));
        assertThat(allProfiles()).hasSize(2);

        IngestResult r = ingest.submit("test", List.of(record("r3", null, null,
                Identifier.phone("１３９１２３４５６７８"), Identifier.email("zhang.wei@huaxin-tech.cn"))));

        assertThat(r.merged()).isEqualTo(1);
        List<Profile> all = allProfiles();
        assertThat(all).hasSize(1);
        Profile survivor = all.get(0);
        assertThat(survivor.mergedFrom()).hasSize(1);
        String absorbed = survivor.mergedFrom().get(0);
        assertThat(profiles.get(absorbed)).isEmpty();
        assertThat(profiles.survivorOf(absorbed)).contains(survivor.id());
        // Every identifier now points at the survivor, and the timeline holds all three rows.
        assertThat(docs.mget(names.identifiers(), List.of("phone:+8613912345678", "email:zhang.wei@huaxin-tech.cn"),
                IdentifierDoc.class).values()).allMatch(d -> d.source().profileId().equals(survivor.id()));
        assertThat(profiles.timeline(survivor, 0, 10).total()).isEqualTo(3);
        indices.refresh();
        var merges = Documents.call(() -> client.search(s -> s.index(names.merges()), MergeDoc.class), names.merges());
        assertThat(merges.hits().hits()).hasSize(1);
        MergeDoc m = merges.hits().hits().get(0).source();
        assertThat(m.survivor()).isEqualTo(survivor.id());
        assertThat(m.merged()).containsExactly(absorbed);
        assertThat(m.linkingIdentifiers()).contains("phone:+8613912345678", "email:zhang.wei@huaxin-tech.cn");
        assertThat(m.snapshots()).containsKey(absorbed);
        assertThat(profiles.mergesOf(survivor.id())).extracting(MergeDoc::id).containsExactly(m.id());
        assertThat(profiles.mergesOf(absorbed)).extracting(MergeDoc::survivor).containsExactly(survivor.id());
    }

    @Test
    void blockedValuesNeverLinkPeople() {
        IngestResult r = ingest.submit("test", List.of(
                record("r1", "甲", null, Identifier.phone("00000000000"), Identifier.email("jia@huaxin-tech.cn")),
                record("r2", "乙", null, Identifier.phone("000-0000-0000"), Identifier.email("yi@huaxin-tech.cn")),
                record("r3", "丙", null, Identifier.email("test@test.com"))));

        assertThat(allProfiles()).hasSize(2);
        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.key()).isEqualTo("r3");
            assertThat(rej.reason()).contains("blocked");
        });
        assertThat(docs.mget(names.identifiers(), List.of("phone:+8600000000000", "email:test@test.com"),
                IdentifierDoc.class)).isEmpty();
    }

    @Test
    void excelMangledPhoneIsRejectedWithAReason() {
        IngestResult r = ingest.submit("test", List.of(record("r1", "王芳", null, Identifier.phone("1.39E+10"))));

        assertThat(r.created()).isZero();
        assertThat(r.rejected()).singleElement().satisfies(rej -> assertThat(rej.reason()).containsIgnoringCase("scientific"));
        assertThat(allProfiles()).isEmpty();
    }

    @Test
    void replayingTheSameRecordsAddsNothing() {
        List<SourceRecord> batch = List.of(
                record("r1", "李娜", "远景能源", Identifier.phone("13712345678")),
                record("r2", "Li Na", null, Identifier.email("li.na@yuanjing.cn")),
                record("r3", null, null, Identifier.phone("13712345678"), Identifier.email("li.na@yuanjing.cn")));
        ingest.submit("test", batch);
        Profile before = allProfiles().get(0);

        IngestResult again = ingest.submit("test", batch);

        assertThat(again.created()).isZero();
        assertThat(again.merged()).isZero();
        List<Profile> after = allProfiles();
        assertThat(after).hasSize(1);
        assertThat(after.get(0).id()).isEqualTo(before.id());
        assertThat(after.get(0).updatedAt()).isEqualTo(before.updatedAt());
        assertThat(profiles.timeline(after.get(0), 0, 10).total()).isEqualTo(3);
    }

    @Test
    void aClaimLeftWithoutItsProfileByACrashIsAdopted() {
        docs.put(names.identifiers(), "phone:+8613612345678", new IdentifierDoc("phone:+8613612345678", "phone",
                "p-orphan", "test", "old", Instant.now().minus(Duration.ofMinutes(5))), false);

        ingest.submit("test", List.of(record("r1", "赵磊", null, Identifier.phone("13612345678"))));

        List<Profile> all = allProfiles();
        assertThat(all).extracting(Profile::id).containsExactly("p-orphan");
    }

    @Test
    void aFreshClaimOfAnotherWriterIsWaitedForNotAdoptedUntilItIsOldEnoughToBeACrashLeftover() {
        MutableClock clock = new MutableClock(Instant.now());
        IngestService waiting = new IngestService(docs, new BulkWriter(client), names,
                IdentifierNormalizer.create("CN", BlockList.defaults()), clock, 1000, false);
        // Another writer has claimed the phone and is about to write its profile.
        docs.put(names.identifiers(), "phone:+8613612340000", new IdentifierDoc("phone:+8613612340000", "phone",
                "p-in-flight", "other", "theirs", clock.instant()), false);

        assertThatThrownBy(() -> waiting.submit("test", List.of(record("r1", "钱进", null, Identifier.phone("13612340000")))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(allProfiles()).as("adopting it would leave the other writer's profile without claims").isEmpty();

        clock.advance(IdentityResolver.IN_FLIGHT.plusSeconds(1));
        waiting.submit("test", List.of(record("r1", "钱进", null, Identifier.phone("13612340000"))));

        assertThat(allProfiles()).extracting(Profile::id).containsExactly("p-in-flight");
    }

    @Test
    void aBatchRetriedAfterAHalfFailedWriteAdoptsTheClaimsItsOwnRecordsMintedAtOnce() {
        MutableClock clock = new MutableClock(Instant.now());
        IngestService retrying = new IngestService(docs, new BulkWriter(client), names,
                IdentifierNormalizer.create("CN", BlockList.defaults()), clock, 1000, false);
        // The first attempt wrote its claims, then its profile write failed; the connector retries at once.
        docs.put(names.identifiers(), "phone:+8613612341111", new IdentifierDoc("phone:+8613612341111", "phone",
                "p-first-attempt", "test", "r1", clock.instant()), false);
        // The same record key from another connector is another writer's: that one is waited for.
        docs.put(names.identifiers(), "phone:+8613612342222", new IdentifierDoc("phone:+8613612342222", "phone",
                "p-other-connector", "other", "r2", clock.instant()), false);

        IngestResult result = retrying.submit("test", List.of(record("r1", "孔明", null, Identifier.phone("13612341111"))));

        assertThat(result.created()).isEqualTo(1);
        assertThat(allProfiles()).extracting(Profile::id).containsExactly("p-first-attempt");
        assertThatThrownBy(() -> retrying.submit("test", List.of(record("r2", "周瑜", null, Identifier.phone("13612342222")))))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void aClaimStillPointingAtAFoldedInProfileFollowsTheMergeInsteadOfRecreatingIt() {
        ingest.submit("test", List.of(record("r1", "孙丽", null, Identifier.phone("13312345678"))));
        ingest.submit("test", List.of(record("r2", "Sun Li", null, Identifier.email("sun.li@ruifeng.cn"))));
        ingest.submit("test", List.of(record("r3", null, null, Identifier.phone("13312345678"), Identifier.email("sun.li@ruifeng.cn"))));
        Profile survivor = allProfiles().get(0);
        String absorbed = survivor.mergedFrom().get(0);
        // As if the hub died after deleting the folded-in profile but before re-pointing its claims.
        for (String key : List.of("phone:+8613312345678", "email:sun.li@ruifeng.cn")) {
            docs.put(names.identifiers(), key, new IdentifierDoc(key, key.substring(0, key.indexOf(':')), absorbed, "test",
                    "r", Instant.now()), false);
        }

        ingest.submit("test", List.of(record("r4", null, "瑞丰金融", Identifier.phone("13312345678"))));

        List<Profile> all = allProfiles();
        assertThat(all).extracting(Profile::id).containsExactly(survivor.id());
        assertThat(all.get(0).company()).isEqualTo("瑞丰金融");
        assertThat(docs.get(names.identifiers(), "phone:+8613312345678", IdentifierDoc.class))
                .hasValueSatisfying(d -> assertThat(d.source().profileId()).isEqualTo(survivor.id()));
    }

    @Test
    void recordsOfOneStoredProfileInOneBatchDoNotRaceEachOther() {
        ingest.submit("test", List.of(record("r1", "周杰", null, Identifier.phone("13512345678"), Identifier.email("zhou@jiexun.cn"))));

        List<SourceRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(record("p" + i, null, null, i % 2 == 0 ? Identifier.phone("13512345678") : Identifier.email("zhou@jiexun.cn")));
        }
        IngestResult r = ingest.submit("test", batch);

        assertThat(r.updated()).isEqualTo(20);
        assertThat(allProfiles()).hasSize(1);
    }

    @Test
    void searchFindsProfilesByChineseNameCompanyAndPhoneSpelling() {
        ingest.submit("test", List.of(
                record("r1", "欧阳娜娜", "北京字节跳动科技有限公司", Identifier.phone("13412345678")),
                record("r2", "Alice Chen", "Huaxin Technology", Identifier.email("alice@huaxin-tech.cn"))));
        indices.refresh();

        assertThat(search("欧阳", null)).extracting(Profile::name).containsExactly("欧阳娜娜");
        assertThat(search("字节跳动", null)).extracting(Profile::name).containsExactly("欧阳娜娜");
        assertThat(search("alice", null)).extracting(Profile::name).containsExactly("Alice Chen");
        assertThat(search("huaxin", null)).extracting(Profile::name).containsExactly("Alice Chen");
        assertThat(search(null, "+8613412345678")).extracting(Profile::name).containsExactly("欧阳娜娜");
    }

    private List<Profile> search(String text, String phone) {
        return profiles.search(new ProfileQuery(text, phone, null, null, null, null, null, 0, 10)).items();
    }

    private List<Profile> allProfiles() {
        indices.refresh();
        return profiles.search(new ProfileQuery(null, null, null, null, null, null, null, 0, 100)).items();
    }

    private static SourceRecord record(String key, String name, String company, Identifier... ids) {
        Lead lead = new Lead(name, company, null, null, List.of(ids), "test", List.of(), null, null, Map.of(), null);
        Interaction in = new Interaction("i-" + key, "import", "test", Instant.parse("2026-11-01T08:00:00Z"),
                "row " + key, Map.of());
        return new SourceRecord(key, "row " + key, lead, in);
    }
}

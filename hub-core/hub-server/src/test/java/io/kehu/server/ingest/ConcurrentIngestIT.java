package io.kehu.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.api.HubException;
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
import io.kehu.search.ProfileQuery;
import io.kehu.search.ProfileStore;
import io.kehu.search.VersionedDoc;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several writers at once (two imports, webhooks, another hub node) whose records name the same people under
 * different identifiers. Nothing may be doubled or lost: identifier claims (create-if-absent) and conditional
 * profile writes make the losers of each race resolve again, until every person is one profile holding all
 * their identifiers and every row.
 */
class ConcurrentIngestIT {

    private static final int PEOPLE = 240;
    private static final int WRITERS = 4;
    private static final int BATCH = 20;

    @Test
    void writersRacingOverTheSamePeopleLeaveOneProfilePerPersonWithEveryIdentifierAndRow() throws Exception {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = new IndexNames(TestElasticsearch.indexPrefix(ConcurrentIngestIT.class));
        IndexManager indices = new IndexManager(client, names);
        indices.ensureIndices();
        Documents docs = new Documents(client);
        ProfileStore profiles = new ProfileStore(docs, names);
        IngestService ingest = new IngestService(docs, new BulkWriter(client), names,
                IdentifierNormalizer.create("CN", BlockList.defaults()), Clock.systemUTC(), 1000, false);

        // Each person: a phone-only row, an e-mail-only row and, for most, a row with both, which links them.
        // Shuffled, the rows of one person land with different writers, so the link is raced for.
        List<SourceRecord> rows = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            rows.add(row(p, "a", Identifier.phone(phone(p))));
            rows.add(row(p, "b", Identifier.email(email(p))));
            if (p % 5 != 0) {
                rows.add(row(p, "c", Identifier.phone(phone(p)), Identifier.email(email(p))));
            }
        }
        Collections.shuffle(rows, new Random(7));
        List<List<SourceRecord>> perWriter = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            perWriter.add(new ArrayList<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            perWriter.get(i % WRITERS).add(rows.get(i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (List<SourceRecord> mine : perWriter) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < mine.size(); i += BATCH) {
                    submitLikeAConnector(ingest, mine.subList(i, Math.min(mine.size(), i + BATCH)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        indices.refresh();

        // A person without a row naming both identifiers stays two profiles, as they would written one by one.
        assertThat(profiles.count()).as("one profile per linked person").isEqualTo(PEOPLE + PEOPLE / 5);
        for (int p = 0; p < PEOPLE; p += 7) {
            List<Profile> found = profiles.search(new ProfileQuery(null, "+86" + phone(p), null, null, null, null, null, 0, 5)).items();
            assertThat(found).as("person %d", p).hasSize(1);
            Profile person = found.get(0);
            if (p % 5 != 0) {
                assertThat(person.emails()).as("person %d", p).containsExactly(email(p));
            }
            assertThat(profiles.timeline(person, 0, 10).total()).as("rows of person %d", p).isEqualTo(p % 5 != 0 ? 3 : 1);
        }
        // Every claim points at a stored profile: no claim was left behind by a lost race.
        List<String> keys = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            keys.add("phone:+86" + phone(p));
            keys.add("email:" + email(p));
        }
        Map<String, VersionedDoc<IdentifierDoc>> claims = docs.mget(names.identifiers(), keys, IdentifierDoc.class);
        assertThat(claims).hasSize(keys.size());
        Set<String> claimed = new HashSet<>();
        claims.values().forEach(c -> claimed.add(c.source().profileId()));
        assertThat(docs.mget(names.profiles(), claimed, StoredProfile.class)).hasSize(claimed.size());
        assertThat(claimed).hasSize(PEOPLE + PEOPLE / 5);
    }

    /** A connector retries a batch the hub calls retryable, as the spreadsheet and webhook connectors do. */
    private static void submitLikeAConnector(IngestService ingest, List<SourceRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                assertThat(ingest.submit("race", batch).rejected()).isEmpty();
                return;
            } catch (HubException e) {
                if (!e.retryable() || attempt == 5) {
                    throw e;
                }
                Thread.sleep(50L * attempt);
            }
        }
    }

    private static String phone(int p) {
        return String.valueOf(13712340001L + 13L * p);
    }

    private static String email(int p) {
        return "person" + p + "@race.example.cn";
    }

    private static SourceRecord row(int p, String kind, Identifier... ids) {
        String key = "race:" + p + ":" + kind;
        Lead lead = new Lead("客户" + p, null, null, null, List.of(ids), "race", List.of(), null, null, Map.of(), null);
        Interaction in = new Interaction("i-" + key, "import", "race", Instant.parse("2026-11-01T08:00:00Z"),
                "row " + key, Map.of());
        return new SourceRecord(key, key, lead, in);
    }
}

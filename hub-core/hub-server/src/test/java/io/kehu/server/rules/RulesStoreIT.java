package io.kehu.server.rules;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.RulesVersionDoc;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions of the rules in Elasticsearch: claimed once each, and the newest valid one wins on start. */
class RulesStoreIT {

    private static final Path FILE = Path.of("../../config/lifecycle.yml");
    private static final AtomicInteger RUN = new AtomicInteger();

    private RulesStore store;
    private String yaml;

    @BeforeEach
    void freshIndices() throws Exception {
        ElasticsearchClient client = TestElasticsearch.client();
        IndexNames names = TestElasticsearch.indices(TestElasticsearch.indexPrefix(RulesStoreIT.class) + RUN.incrementAndGet() + "-");
        store = new RulesStore(new Documents(client), new BulkWriter(client), names.lifecycleRules());
        yaml = Files.readString(FILE);
    }

    private RulesService<LifecycleConfig> node(LifecycleRules rules) {
        return new RulesService<>(new LifecycleRulesKind(), () -> rules.current().config(), rules::replace, store,
                new LifecycleConfigLoader().textOf(FILE), Clock.systemUTC());
    }

    private static LifecycleRules fileRules() {
        return new LifecycleRules(new LifecycleConfigLoader().loadValidated(FILE));
    }

    @Test
    void concurrentChangesOnTwoNodesGetDistinctConsecutiveVersions() throws Exception {
        LifecycleRules nodeA = fileRules();
        LifecycleRules nodeB = fileRules();
        List<RulesService<LifecycleConfig>> nodes = List.of(node(nodeA), node(nodeB));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RulesVersionDoc>> puts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RulesService<LifecycleConfig> node = nodes.get(i % 2);
            String author = "admin-" + i;
            Callable<RulesVersionDoc> put = () -> {
                start.await();
                return node.put(yaml, author);
            };
            puts.add(pool.submit(put));
        }
        start.countDown();
        List<Integer> versions = new ArrayList<>();
        int[] highestPerNode = new int[2];
        for (int i = 0; i < puts.size(); i++) {
            int version = puts.get(i).get().version();
            versions.add(version);
            highestPerNode[i % 2] = Math.max(highestPerNode[i % 2], version);
        }
        pool.shutdown();

        assertThat(versions).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
        assertThat(store.highestVersion()).hasValue(7);
        // Each node keeps the highest version it stored, whatever order its requests finished in.
        assertThat(nodeA.current().version()).isEqualTo(highestPerNode[0]);
        assertThat(nodeB.current().version()).isEqualTo(highestPerNode[1]);
    }

    @Test
    void aChangeIsStoredWithAuthorTimeAndYamlAndPutInForce() {
        LifecycleRules rules = fileRules();
        RulesService<LifecycleConfig> service = node(rules);

        RulesVersionDoc doc = service.put(yaml.replace("atRiskAfterDays: 30", "atRiskAfterDays: 45"), "alice");

        assertThat(doc.version()).isEqualTo(2);
        assertThat(rules.current().version()).isEqualTo(2);
        assertThat(rules.current().config().lifecycle().thresholds().atRiskAfterDays()).isEqualTo(45);
        RulesVersionDoc stored = store.get(2).orElseThrow();
        assertThat(stored.author()).isEqualTo("alice");
        assertThat(stored.yaml()).contains("atRiskAfterDays: 45");
        assertThat(stored.createdAt()).isNotNull();
        assertThat(service.current().source()).isEqualTo("api");
        assertThat(service.versions(0, 10).items()).singleElement()
                .satisfies(v -> assertThat(v.yaml()).isNull());
        assertThat(service.version(1).orElseThrow().source()).isEqualTo("file");
    }

    @Test
    void onStartTheNewestValidStoredVersionWins() {
        LifecycleConfig file = new LifecycleConfigLoader().loadValidated(FILE);
        store.createIfAbsent(new RulesVersionDoc(2, yaml.replace("loyalAfterPurchases: 2", "loyalAfterPurchases: 3"),
                "alice", Instant.now()));
        // Accepted by an older hub, refused by this one.
        store.createIfAbsent(new RulesVersionDoc(3, yaml.replace("halfLifeDays: 30", "halfLifeDays: 0"), "bob",
                Instant.now()));

        LifecycleConfig chosen = RulesService.startupConfig(file, store, new LifecycleRulesKind());

        assertThat(chosen.version()).isEqualTo(2);
        assertThat(chosen.lifecycle().thresholds().loyalAfterPurchases()).isEqualTo(3);
    }

    @Test
    void onStartAFileBumpedPastTheStoredVersionsWins() {
        store.createIfAbsent(new RulesVersionDoc(2, yaml, "alice", Instant.now()));
        LifecycleConfig bumped = new LifecycleConfigLoader().loadValidated(FILE);
        bumped = new LifecycleConfig(5, bumped.lifecycle(), bumped.scoring());

        assertThat(RulesService.startupConfig(bumped, store, new LifecycleRulesKind())).isSameAs(bumped);
    }

    @Test
    void withNothingStoredTheFileIsUsed() {
        LifecycleConfig file = new LifecycleConfigLoader().loadValidated(FILE);

        assertThat(RulesService.startupConfig(file, store, new LifecycleRulesKind())).isSameAs(file);
        assertThat(node(fileRules()).current().source()).isEqualTo("file");
    }

    @Test
    void anotherNodeFollowsAStoredChangeAndSkipsOneItNoLongerAccepts() {
        LifecycleRules nodeA = fileRules();
        LifecycleRules nodeB = fileRules();
        RulesService<LifecycleConfig> followerB = node(nodeB);
        assertThat(followerB.follow()).as("nothing stored yet").isFalse();

        node(nodeA).put(yaml.replace("atRiskAfterDays: 30", "atRiskAfterDays: 40"), "alice");
        assertThat(followerB.follow()).isTrue();
        assertThat(nodeB.current().version()).isEqualTo(2);
        assertThat(nodeB.current().config().lifecycle().thresholds().atRiskAfterDays()).isEqualTo(40);
        assertThat(followerB.follow()).as("already in force").isFalse();

        // Stored by a hub that validated less strictly: node B keeps what it has.
        store.createIfAbsent(new RulesVersionDoc(3, yaml.replace("halfLifeDays: 30", "halfLifeDays: 0"), "bob",
                Instant.now()));
        assertThat(followerB.follow()).isFalse();
        assertThat(nodeB.current().version()).isEqualTo(2);
    }
}

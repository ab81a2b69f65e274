package io.kehu.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.api.domain.Profile;
import io.kehu.search.BulkWriter;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing prefilter against the real profiles index: for every condition, the profiles the index lets
 * through include every profile the rule engine matches, and are exactly those when the filter says exact.
 */
class RoutingPrefilterIT {

    static final Instant NOW = Instant.parse("2026-11-23T06:00:00Z");
    static final List<String> STAGES = List.of("lead", "engaged", "opportunity", "customer", "churned");
    static final List<String> TIERS = List.of("A", "B", "C");
    static final List<String> TAGS = List.of("展会", "VIP", "SaaS", "决策人");

    static ElasticsearchClient client;
    static IndexNames names;
    static final List<RoutableProfile> PROFILES = new ArrayList<>();

    @BeforeAll
    static void profiles() {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(RoutingPrefilterIT.class);
        Random random = new Random(20261123);
        List<BulkOperation> ops = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            boolean scored = random.nextInt(10) > 0;
            List<String> tags = TAGS.stream().filter(t -> random.nextInt(3) == 0).toList();
            Profile p = new Profile("p-" + i, random.nextInt(5) == 0 ? null : "王" + i, null,
                    random.nextInt(4) == 0 ? null : random.nextInt(5) == 0 ? "" : "远景" + i, null, null,
                    random.nextBoolean() ? "上海" : null, List.of("+86139" + String.format("%08d", i)),
                    random.nextBoolean() ? List.of("User" + i + "@Example.cn") : List.of(), null,
                    List.of(random.nextBoolean() ? "官网表单" : "2024 上海工博会"), tags, null,
                    random.nextInt(3) == 0 ? "ana" : null, Map.of("industry", random.nextBoolean() ? "制造" : "软件"),
                    null, NOW, NOW, null);
            int fit = random.nextInt(101);
            ProfileLifecycle l = scored ? new ProfileLifecycle(STAGES.get(random.nextInt(STAGES.size())), NOW, false,
                    0, fit, random.nextInt(101), fit, TIERS.get(random.nextInt(3)), 1, NOW, List.of(), null) : null;
            StoredProfile stored = new StoredProfile(p, l);
            PROFILES.add(RoutingService.routable(stored));
            ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.profiles()).id(p.id()).document(stored))));
        }
        new BulkWriter(client).executeAll(ops, true, "profile");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ tier: [A] }",
            "{ tier: [a] }",
            "{ any: [ { tier: [A] }, { stage: [opportunity] } ], not: { stage: [churned] } }",
            "{ stage: [engaged], tier: [B] }",
            "{ tags: { any: [展会] }, company: { present: true } }",
            "{ tags: { all: [VIP, SaaS] } }",
            "{ tags: { none: [VIP] } }",
            "{ fit: { gte: 70 } }",
            "{ combined: { eq: 50 } }",
            "{ engagement: { lt: 20 }, owner: { present: false } }",
            "{ owner: [ana] }",
            "{ email: { contains: [user1] } }",
            "{ phone: { prefix: ['+8613900000'] } }",
            "{ source: [官网表单] }",
            "{ name: { present: false } }",
            "{ region: [上海] }",
            "{ attributes.industry: [制造] }",
            "{ not: { company: { present: true } } }",
            "{ stage: { present: false } }",
            "{}"})
    void theFilterLetsThroughEveryProfileTheEngineMatchesAndOnlyThoseWhenExact(String when) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = new ObjectMapper(new YAMLFactory()).readValue(when, Map.class);
        List<ConfigProblem> problems = new ArrayList<>();
        Condition condition = new ConditionParser(Set.copyOf(STAGES), Set.copyOf(TIERS), problems).parse(map, "when");
        assertThat(problems).isEmpty();
        Set<String> engine = PROFILES.stream().filter(condition::test).map(RoutableProfile::id)
                .collect(Collectors.toSet());

        RoutingPrefilter.Filter filter = RoutingPrefilter.filter(condition);
        Set<String> index = ids(filter.query());

        assertThat(index).as("every profile the rule matches passes the filter").containsAll(engine);
        if (filter.exact()) {
            assertThat(index).isEqualTo(engine);
        }
    }

    private static Set<String> ids(Query filter) throws Exception {
        var r = client.search(s -> {
            s.index(names.profiles()).size(1000).source(src -> src.fetch(false));
            if (filter != null) {
                s.query(filter);
            }
            return s;
        }, Void.class);
        return r.hits().hits().stream().map(h -> h.id()).collect(Collectors.toCollection(HashSet::new));
    }
}

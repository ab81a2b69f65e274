package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.config;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static io.kehu.server.routing.RoutingFixtures.withRules;
import static org.assertj.core.api.Assertions.assertThat;

class TerritoryStrategyTest {

    private static RoutingEngine engine(String match, String fallback) {
        return new RoutingEngine(withRules("first", """
                - id: t
                  destinations: [{ instance: crm, fields: { Name: name } }]
                  assignment: { strategy: territory, params: { match: %s }%s }
                """.formatted(match, fallback == null ? "" : ", fallback: " + fallback)));
    }

    private static OwnerDecision owner(RoutingEngine engine, RoutableProfile p) {
        return engine.route(p, AssignmentState.EMPTY, Map.of(), NOW).owner();
    }

    @Test
    void regionMatchesByPrefixAndSkipsInactiveOwners() {
        // dan also covers 上海 but is inactive.
        OwnerDecision d = owner(engine("[region]", null), profile("p").region("上海浦东新区").build());

        assertThat(d.kind()).isEqualTo(Kind.ASSIGNED);
        assertThat(d.ownerId()).isEqualTo("ann");
        assertThat(d.reason()).isEqualTo("territory match by region");
    }

    @Test
    void criteriaAreTriedInTheOrderGiven() {
        RoutableProfile p = profile("p").region("北京海淀").attributes(Map.of("industry", "智能制造")).build();

        assertThat(owner(engine("[region, industry]", null), p).ownerId()).isEqualTo("bob");
        assertThat(owner(engine("[industry, region]", null), p).ownerId()).isEqualTo("ann");
    }

    @Test
    void industryAndTagsMatchIgnoringCase() {
        assertThat(owner(engine("[industry]", null),
                profile("p").attributes(Map.of("industry", "软件服务")).build()).ownerId()).isEqualTo("bob");
        assertThat(owner(engine("[tags]", null), profile("p").tags("VIP").build()).ownerId()).isEqualTo("ann");
    }

    @Test
    void noMatchFallsThroughToTheRuleFallback() {
        OwnerDecision d = owner(engine("[region, tags]", "cai"), profile("p").region("西藏").build());

        assertThat(d.kind()).isEqualTo(Kind.FALLBACK);
        assertThat(d.ownerId()).isEqualTo("cai");
        assertThat(d.reason()).contains("no owner's territory covers the profile");
    }

    @Test
    void noMatchAndNoFallbackGoesToTheDefaultAssignee() {
        assertThat(owner(engine("[region]", null), profile("p").build()))
                .extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.DEFAULT, "ops");
    }

    @Test
    void ownersSharingATerritoryTakeTurnsPerTerritory() {
        RoutingEngine engine = new RoutingEngine(config("""
                version: 1
                owners:
                  - { id: sh1, regions: [上海] }
                  - { id: bj1, regions: [北京] }
                  - { id: sh2, regions: [上海] }
                  - { id: bj2, regions: [北京] }
                defaultAssignee: sh1
                rules:
                  - id: t
                    destinations: [{ instance: crm, fields: { Name: name } }]
                    assignment: { strategy: territory, params: { match: [region] } }
                """));
        List<String> got = new ArrayList<>();
        AssignmentState state = AssignmentState.EMPTY;
        for (String region : List.of("上海", "北京", "上海", "北京", "上海")) {
            RoutingResult r = engine.route(profile("p").region(region).build(), state, Map.of(), NOW);
            got.add(r.owner().ownerId());
            state = r.state();
        }

        assertThat(got).containsExactly("sh1", "bj1", "sh2", "bj2", "sh1");
    }
}

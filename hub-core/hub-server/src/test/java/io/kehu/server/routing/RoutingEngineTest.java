package io.kehu.server.routing;

import io.kehu.api.HubException;
import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.Score;
import io.kehu.server.routing.OwnerDecision.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static io.kehu.server.routing.RoutingFixtures.withRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class RoutingEngineTest {

    private static final String RULES = """
            - id: hot
              when: { tier: [A] }
              destinations:
                - instance: crm
                  required: [LastName, Company]
                  fields: { LastName: name, Company: "${company|个人}", OwnerId: owner.remoteId, Email: "emails[0]" }
                - instance: hook
                  fields: { name: name, owner: owner.name }
              assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
            - id: off
              enabled: false
              when: { tier: [A, B] }
              destinations: [{ instance: never, fields: { x: name } }]
              assignment: { strategy: roundRobin }
            - id: warm
              when: { tier: [A, B] }
              destinations: [{ instance: sheet, fields: { 姓名: name } }]
              assignment: { strategy: roundRobin, params: { owners: [cai] } }
            """;

    private static final RoutingEngine FIRST = new RoutingEngine(withRules("first", RULES));
    private static final RoutingEngine ALL = new RoutingEngine(withRules("all", RULES));
    private static final RoutableProfile TIER_A = profile("p1").name("张伟").company("精工").tier("A")
            .emails("zhang.wei@example.cn").build();

    private static RoutingResult route(RoutingEngine engine, RoutableProfile p) {
        return engine.route(p, AssignmentState.EMPTY, Map.of(), NOW);
    }

    @Test
    void firstMatchingRuleRoutesToEachOfItsDestinationsWithMappedFields() {
        RoutingResult r = route(FIRST, TIER_A);

        assertThat(r.rulesVersion()).isEqualTo(3);
        assertThat(r.decisions()).extracting(RouteDecision::ruleId, RouteDecision::destinationInstanceId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hot", "crm"),
                        org.assertj.core.groups.Tuple.tuple("hot", "hook"));
        RouteDecision crm = r.decisions().get(0);
        assertThat(crm.mappedFields()).containsExactly(entry("LastName", "张伟"), entry("Company", "精工"),
                entry("OwnerId", "U-ANN"), entry("Email", "zhang.wei@example.cn"));
        assertThat(crm.remoteOwnerId()).isEqualTo("U-ANN");
        assertThat(crm.complete()).isTrue();
        assertThat(r.decisions().get(1).mappedFields()).containsEntry("owner", "安娜");
        assertThat(r.decisions().get(1).remoteOwnerId()).isNull();
    }

    @Test
    void allMatchingRulesFireInAllModeSharingOneOwner() {
        RoutingResult r = route(ALL, TIER_A);

        assertThat(r.decisions()).extracting(RouteDecision::destinationInstanceId).containsExactly("crm", "hook", "sheet");
        assertThat(r.decisions()).extracting(d -> d.ownerDecision().ownerId()).containsOnly("ann");
        // The warm rule did not assign, so its rotation did not move.
        assertThat(r.state().cursor("warm")).isNull();
    }

    @Test
    void disabledRulesAreSkipped() {
        RoutingResult r = route(ALL, profile("p").tier("B").build());

        assertThat(r.decisions()).extracting(RouteDecision::ruleId).containsExactly("warm");
        assertThat(r.owner().ownerId()).isEqualTo("cai");
    }

    @Test
    void unmatchedProfileIsNotRoutedAndGetsNoOwner() {
        RoutingResult r = route(FIRST, profile("p").tier("C").build());

        assertThat(r.routed()).isFalse();
        assertThat(r.owner()).isNull();
        assertThat(r.state()).isEqualTo(AssignmentState.EMPTY);
    }

    @Test
    void ownedProfileKeepsItsOwnerOnReRouteWithoutMovingTheRotation() {
        AssignmentState state = AssignmentState.EMPTY.withCursor("hot", "ann");
        RoutingResult r = FIRST.route(profile("p").tier("A").owner("cai").build(), state, Map.of(), NOW);

        assertThat(r.owner()).extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.KEPT, "cai");
        assertThat(r.state()).isEqualTo(state);
    }

    @Test
    void ownerRecordedByNameIsKeptUnderItsId() {
        assertThat(route(FIRST, profile("p").tier("A").owner("安娜").build()).owner())
                .extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.KEPT, "ann");
    }

    @Test
    void profileOfAnInactiveOwnerIsReassigned() {
        OwnerDecision d = route(FIRST, profile("p").tier("A").owner("dan").build()).owner();

        assertThat(d.kind()).isEqualTo(Kind.ASSIGNED);
        assertThat(d.ownerId()).isEqualTo("ann");
        assertThat(d.reason()).startsWith("the recorded owner is inactive");
    }

    @Test
    void profileOfAnUnknownOwnerIsReassigned() {
        assertThat(route(FIRST, profile("p").tier("A").owner("前同事").build()).owner().reason())
                .startsWith("the recorded owner is not a configured owner");
    }

    @Test
    void missingRequiredFieldsAreListedAndLeftOut() {
        RouteDecision crm = route(FIRST, profile("p").tier("A").build()).decisions().get(0);

        assertThat(crm.missingRequired()).containsExactly("LastName");
        assertThat(crm.complete()).isFalse();
        assertThat(crm.mappedFields()).containsOnlyKeys("Company", "OwnerId");
    }

    @Test
    void sameProfileRoutedAgainAfterAChangeGetsTheSameDestinationsAndOwner() {
        RoutingResult first = route(FIRST, TIER_A);
        RoutableProfile changed = profile("p1").name("张伟").company("精工").tier("A").stage("customer")
                .emails("zw@example.cn").owner(first.owner().ownerId()).build();

        RoutingResult again = FIRST.route(changed, first.state(), Map.of(), NOW);

        assertThat(again.decisions()).extracting(RouteDecision::destinationInstanceId).containsExactly("crm", "hook");
        assertThat(again.owner()).extracting(OwnerDecision::kind, OwnerDecision::ownerId).containsExactly(Kind.KEPT, "ann");
        assertThat(again.decisions().get(0).mappedFields()).containsEntry("Email", "zw@example.cn");
    }

    @Test
    void remapFillsAPreviousDestinationEvenWhenTheRuleNoLongerMatches() {
        RoutableProfile cooled = profile("p1").name("张伟").tier("C").owner("ann").build();

        assertThat(FIRST.remap(cooled, "hot", "crm", NOW)).hasValueSatisfying(d -> {
            assertThat(d.mappedFields()).containsEntry("LastName", "张伟").containsEntry("Company", "个人");
            assertThat(d.ownerDecision().kind()).isEqualTo(Kind.KEPT);
            assertThat(d.remoteOwnerId()).isEqualTo("U-ANN");
        });
        assertThat(FIRST.remap(cooled, "hot", "gone", NOW)).isEmpty();
        assertThat(FIRST.remap(cooled, "gone", "crm", NOW)).isEmpty();
    }

    @Test
    void storedProfileWithItsStageAndScoreIsRoutable() {
        Profile stored = new Profile("p9", "李娜", null, "云启软件", null, "CTO", "北京", List.of("+8613900000009"),
                List.of(), null, List.of("webform"), List.of("VIP"), null, "bob", Map.of("industry", "软件"), null,
                NOW, NOW, null);
        RoutableProfile p = RoutableProfile.of(stored, "opportunity", new Score(70, 60, 64, "A", 1, List.of()));

        assertThat(p).extracting(RoutableProfile::stage, RoutableProfile::tier, RoutableProfile::combined,
                RoutableProfile::owner, RoutableProfile::sources)
                .containsExactly("opportunity", "A", 64, "bob", List.of("webform"));
        assertThat(route(FIRST, p).owner()).extracting(OwnerDecision::kind, OwnerDecision::ownerId)
                .containsExactly(Kind.KEPT, "bob");
        assertThat(RoutableProfile.of(stored, null, null).tier()).isNull();
    }

    @Test
    void refusesRulesItCannotCompile() {
        assertThatThrownBy(() -> new RoutingEngine(withRules("first", """
                - id: bad
                  when: { combined: {over: 3} }
                  destinations: [{ instance: crm, fields: { X: nmae } }]
                  assignment: { strategy: roundRobin }
                - id: lottery
                  destinations: [{ instance: crm, fields: { X: name } }]
                  assignment: { strategy: lottery }
                - id: unassigned
                  destinations: [{ instance: crm, fields: { X: name } }]
                """)))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("rules[0].when.combined.over")
                .hasMessageContaining("rules[0].destinations[0].fields.X")
                .hasMessageContaining("rules[1].assignment.strategy")
                .hasMessageContaining("rules[2].assignment: is required");
    }
}

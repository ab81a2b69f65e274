package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static io.kehu.server.routing.RoutingFixtures.withRules;
import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinStrategyTest {

    private static RoutingEngine engine(String owners, String fallback) {
        return new RoutingEngine(withRules("first", """
                - id: rr
                  destinations: [{ instance: crm, fields: { Name: name } }]
                  assignment: { strategy: roundRobin, params: { owners: %s }%s }
                """.formatted(owners, fallback == null ? "" : ", fallback: " + fallback)));
    }

    /** Routes {@code n} new profiles in a row, threading the state, and lists the owners they got. */
    static List<String> owners(RoutingEngine engine, int n, AssignmentState start) {
        List<String> out = new ArrayList<>();
        AssignmentState state = start;
        for (int i = 0; i < n; i++) {
            RoutingResult r = engine.route(profile("p" + i).build(), state, Map.of(), NOW);
            out.add(r.owner().ownerId());
            state = r.state();
        }
        return out;
    }

    @Test
    void assignsCandidatesInTurnInListedOrder() {
        assertThat(owners(engine("[bob, ann, cai]", null), 7, AssignmentState.EMPTY))
                .containsExactly("bob", "ann", "cai", "bob", "ann", "cai", "bob");
    }

    @Test
    void skipsInactiveOwners() {
        assertThat(owners(engine("[ann, dan, bob]", null), 4, AssignmentState.EMPTY))
                .containsExactly("ann", "bob", "ann", "bob");
    }

    @Test
    void resumesAfterTheOwnerInTheStateItIsGiven() {
        RoutingEngine engine = engine("[ann, bob, cai]", null);
        AssignmentState saved = AssignmentState.EMPTY.withCursor("rr", "bob");

        assertThat(owners(engine, 2, saved)).containsExactly("cai", "ann");
    }

    @Test
    void keepsItsPlaceWhenTheLastOwnerBecameInactive() {
        // dan was assigned last and is now inactive: the turn passes to the next one after him, not to the first.
        RoutingEngine engine = engine("[ann, dan, bob, cai]", null);

        assertThat(owners(engine, 2, AssignmentState.EMPTY.withCursor("rr", "dan"))).containsExactly("bob", "cai");
    }

    @Test
    void handsBackTheStateWithTheCursorOfTheRule() {
        RoutingResult r = engine("[ann, bob]", null).route(profile("p").build(), AssignmentState.EMPTY, Map.of(), NOW);

        assertThat(r.state().cursor("rr")).isEqualTo("ann");
        assertThat(r.owner()).extracting(OwnerDecision::kind, OwnerDecision::strategy)
                .containsExactly(Kind.ASSIGNED, "roundRobin");
    }

    @Test
    void noActiveCandidateFallsBackToTheRuleFallback() {
        OwnerDecision d = engine("[dan]", "cai").route(profile("p").build(), AssignmentState.EMPTY, Map.of(), NOW).owner();

        assertThat(d.kind()).isEqualTo(Kind.FALLBACK);
        assertThat(d.ownerId()).isEqualTo("cai");
        assertThat(d.reason()).contains("no active candidate");
    }

    @Test
    void inactiveFallbackGivesWayToTheDefaultAssignee() {
        OwnerDecision d = engine("[dan]", "dan").route(profile("p").build(), AssignmentState.EMPTY, Map.of(), NOW).owner();

        assertThat(d.kind()).isEqualTo(Kind.DEFAULT);
        assertThat(d.ownerId()).isEqualTo("ops");
    }
}

package io.kehu.server.routing;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.config;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

class WeightedStrategyTest {

    private static RoutingEngine engine(String annWeight, String params) {
        return new RoutingEngine(config("""
                version: 1
                owners:
                  - { id: ann, weight: %s }
                  - { id: bob }
                  - { id: cai, active: false }
                defaultAssignee: bob
                rules:
                  - id: w
                    destinations: [{ instance: crm, fields: { Name: name } }]
                    assignment: { strategy: weighted, params: %s }
                """.formatted(annWeight, params)));
    }

    private static List<String> draws(RoutingEngine engine, int n, Map<String, Double> rates) {
        List<String> out = new java.util.ArrayList<>();
        AssignmentState state = AssignmentState.EMPTY;
        for (int i = 0; i < n; i++) {
            RoutingResult r = engine.route(profile("p" + i).build(), state, rates, NOW);
            out.add(r.owner().ownerId());
            state = r.state();
        }
        return out;
    }

    private static Map<String, Long> counts(List<String> owners) {
        return owners.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void sharesLeadsInProportionToConversionRates() {
        Map<String, Long> counts = counts(draws(engine("1", "{}"), 400, Map.of("ann", 0.30, "bob", 0.10)));

        assertThat(counts).containsOnlyKeys("ann", "bob");
        assertThat(counts.get("ann")).isBetween(299L, 301L);
        assertThat(counts.get("bob")).isBetween(99L, 101L);
    }

    @Test
    void ownerWeightMultipliesTheRate() {
        Map<String, Long> counts = counts(draws(engine("2", "{}"), 300, Map.of("ann", 0.1, "bob", 0.1)));

        assertThat(counts.get("ann")).isBetween(199L, 201L);
        assertThat(counts.get("bob")).isBetween(99L, 101L);
    }

    @Test
    void sameStateAndRatesGiveTheSameSequence() {
        Map<String, Double> rates = Map.of("ann", 0.27, "bob", 0.11);

        assertThat(draws(engine("1", "{}"), 200, rates)).isEqualTo(draws(engine("1", "{}"), 200, rates));
    }

    @Test
    void spreadsTurnsInsteadOfBunchingThem() {
        // 3:1 smoothly is ann ann bob ann, never bob twice in a row.
        List<String> seq = draws(engine("1", "{}"), 40, Map.of("ann", 0.3, "bob", 0.1));

        assertThat(String.join(",", seq)).doesNotContain("bob,bob");
        assertThat(seq.subList(0, 4)).containsExactlyInAnyOrder("ann", "ann", "ann", "bob");
    }

    @Test
    void minRateKeepsAColdOwnerInTheRotation() {
        Map<String, Long> counts = counts(draws(engine("1", "{ minRate: 0.1 }"), 400, Map.of("ann", 0.0, "bob", 0.3)));

        assertThat(counts.get("ann")).isBetween(99L, 101L);
        assertThat(counts.get("bob")).isBetween(299L, 301L);
    }

    @Test
    void ownerWithoutARateCountsWithTheAverage() {
        // bob is new: he counts with ann's 0.2, so they share evenly.
        Map<String, Long> counts = counts(draws(engine("1", "{}"), 200, Map.of("ann", 0.2)));

        assertThat(counts.get("ann")).isBetween(99L, 101L);
        assertThat(counts.get("bob")).isBetween(99L, 101L);
    }

    @Test
    void inactiveOwnersGetNothingAndLeaveNoStateBehind() {
        RoutingEngine engine = engine("1", "{ owners: [ann, cai] }");
        RoutingResult r = engine.route(profile("p").build(), AssignmentState.EMPTY, Map.of("cai", 0.9), NOW);

        assertThat(counts(draws(engine, 50, Map.of("cai", 0.9)))).containsOnlyKeys("ann");
        assertThat(r.state().weights("w")).containsOnlyKeys("ann");
    }
}

package io.kehu.server.routing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.many;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static io.kehu.server.routing.RoutingFixtures.withRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RoutingDryRunTest {

    private static final RoutingConfig CANDIDATE = withRules("first", """
            - id: hot
              when: { tier: [A] }
              destinations: [{ instance: crm, required: [Name], fields: { Name: name, Tier: tier } }]
              assignment: { strategy: roundRobin, params: { owners: [ann, bob] } }
            - id: show
              when: { tags: [展会] }
              destinations: [{ instance: crm, fields: { Name: name } }, { instance: hook, fields: { n: name } }]
              assignment: { strategy: claimPool, params: { timeout: 2h } }
            """);

    private static List<RoutableProfile> population() {
        List<RoutableProfile> all = new ArrayList<>();
        all.addAll(many(10, profile("x").name("张三").tier("A").build()));
        all.addAll(many(3, profile("x").tier("A").owner("cai").build()));
        all.addAll(many(4, profile("x").name("李四").tags("展会").build()));
        all.addAll(many(5, profile("x").tier("C").build()));
        return all;
    }

    @Test
    void countsWhereEachProfileWouldGo() {
        DryRunReport report = new RoutingDryRun(2).run(CANDIDATE, population().iterator(), AssignmentState.EMPTY,
                Map.of(), NOW);

        assertThat(report.rulesVersion()).isEqualTo(3);
        assertThat(report.profiles()).isEqualTo(22);
        assertThat(report.routed()).isEqualTo(17);
        assertThat(report.unrouted()).isEqualTo(5);
        assertThat(report.byRule()).containsExactly(entry("hot", 13L), entry("show", 4L));
        assertThat(report.byOwner()).containsExactly(entry("ann", 5L), entry("bob", 5L), entry("cai", 3L));
        assertThat(report.byAssignment()).containsExactly(entry("ASSIGNED", 10L), entry("KEPT", 3L), entry("POOL", 4L));
        assertThat(report.byDestination()).containsOnlyKeys("crm", "hook");
        assertThat(report.byDestination().get("crm").routed()).isEqualTo(17);
        assertThat(report.byDestination().get("hook").routed()).isEqualTo(4);
    }

    @Test
    void countsDecisionsMissingRequiredFields() {
        DryRunReport report = new RoutingDryRun(2).run(CANDIDATE, population().iterator(), AssignmentState.EMPTY,
                Map.of(), NOW);

        // The three owned tier-A profiles have no name.
        assertThat(report.incomplete()).isEqualTo(3);
        assertThat(report.byDestination().get("crm").missingRequired()).isEqualTo(3);
    }

    @Test
    void keepsOnlyAFewSamplesPerDestination() {
        DryRunReport report = new RoutingDryRun(2).run(CANDIDATE, population().iterator(), AssignmentState.EMPTY,
                Map.of(), NOW);

        assertThat(report.byDestination().get("crm").samples()).hasSize(2).first().satisfies(s -> {
            assertThat(s.profileId()).isEqualTo("p0");
            assertThat(s.ruleId()).isEqualTo("hot");
            assertThat(s.ownerId()).isEqualTo("ann");
            assertThat(s.fields()).containsExactly(entry("Name", "张三"), entry("Tier", "A"));
        });
        assertThat(new RoutingDryRun(0).run(CANDIDATE, population().iterator(), AssignmentState.EMPTY, Map.of(), NOW)
                .byDestination().get("crm").samples()).isEmpty();
    }

    @Test
    void continuesTheRotationFromTheStateItIsGiven() {
        DryRunReport report = new RoutingDryRun().run(CANDIDATE, many(3, profile("x").tier("A").build()).iterator(),
                AssignmentState.EMPTY.withCursor("hot", "ann"), Map.of(), NOW);

        assertThat(report.byOwner()).containsExactly(entry("ann", 1L), entry("bob", 2L));
    }
}

package io.kehu.server.routing;

import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.routing.OwnerDecision.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.LIFECYCLE;
import static io.kehu.server.routing.RoutingFixtures.LOADER;
import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.config;
import static io.kehu.server.routing.RoutingFixtures.defaultYaml;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingConfigLoaderTest {

    private static List<ConfigProblem> problemsOf(String yaml) {
        return LOADER.validate(config(yaml), LIFECYCLE);
    }

    private static List<String> pathsOf(String yaml) {
        return problemsOf(yaml).stream().map(ConfigProblem::path).toList();
    }

    @Test
    void classpathResourceIsTheSameFileAsConfigRoutingYml() throws Exception {
        assertThat(Files.readString(Path.of("src/main/resources/io/kehu/server/routing/default-routing.yml")))
                .isEqualTo(defaultYaml());
    }

    @Test
    void shippedDefaultsLoadAndValidateCleanAgainstTheDefaultLifecycle() {
        RoutingConfig fromFile = LOADER.load(Path.of("../../config/routing.yml"));

        assertThat(LOADER.validate(fromFile, LIFECYCLE)).isEmpty();
        assertThat(LOADER.loadDefault()).isEqualTo(fromFile);
        assertThat(fromFile.matchMode()).isEqualTo(RoutingConfig.MatchMode.FIRST);
        assertThat(fromFile.defaultAssignee()).isEqualTo("sales.ops");
        assertThat(fromFile.rules()).extracting(RoutingRule::id)
                .containsExactly("hot-leads", "engaged-by-territory", "trade-show-pool");
    }

    @Test
    void shippedDefaultsSendATierALeadToSalesforceInTurn() {
        RoutingEngine engine = new RoutingEngine(LOADER.loadDefault());
        RoutableProfile p = profile("p1").name("王芳").region("上海").stage("lead").tier("A").scores(80, 70, 74)
                .phones("+8613800000001").build();

        RoutingResult r = engine.route(p, AssignmentState.EMPTY, Map.of(), NOW);

        assertThat(r.owner()).extracting(OwnerDecision::kind, OwnerDecision::ownerId)
                .containsExactly(Kind.ASSIGNED, "wang.fang");
        assertThat(r.decisions()).singleElement().satisfies(d -> {
            assertThat(d.destinationInstanceId()).isEqualTo("crm-salesforce");
            assertThat(d.mappedFields()).containsEntry("LastName", "王芳").containsEntry("Company", "个人")
                    .containsEntry("LeadSource", "Kehu Hub").containsEntry("Description", "lead · tier A · score 74");
            assertThat(d.remoteOwnerId()).isEqualTo("0055g00000AbCdEAAZ");
            assertThat(d.complete()).isTrue();
        });
    }

    @Test
    void loadValidatedFallsBackToClasspathWhenFileIsMissing(@TempDir Path dir) {
        assertThat(LOADER.loadValidated(dir.resolve("absent.yml"), LIFECYCLE)).isEqualTo(LOADER.loadDefault());
    }

    @Test
    void loadValidatedRefusesAnInvalidFileNamingEveryField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("routing.yml");
        Files.writeString(file, defaultYaml().replace("strategy: roundRobin", "strategy: lottery")
                .replace("defaultAssignee: sales.ops", "defaultAssignee: boss"));

        assertThatThrownBy(() -> LOADER.loadValidated(file, LIFECYCLE))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("rules[0].assignment.strategy: unknown strategy 'lottery'")
                .hasMessageContaining("defaultAssignee: unknown owner id 'boss'");
    }

    @Test
    void rejectsMisspeltKeys() throws Exception {
        assertThatThrownBy(() -> config(defaultYaml().replace("defaultAssignee:", "defaultAsignee:")))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("defaultAsignee");
    }

    @Test
    void reportsStageAndTierIdsTheLifecycleDoesNotKnow() throws Exception {
        assertThat(problemsOf(defaultYaml().replace("- stage: [opportunity]", "- stage: [deal]")
                .replace("tier: [B]", "tier: [S]"))).containsExactlyInAnyOrder(
                new ConfigProblem("rules[0].when.any[1].stage[0]", "unknown stage id 'deal'"),
                new ConfigProblem("rules[1].when.tier[0]", "unknown tier id 'S'"));
    }

    @Test
    void reportsBadConditionOperators() throws Exception {
        assertThat(pathsOf(defaultYaml().replace("company: { present: true }", "company: { exists: true }")))
                .containsExactly("rules[2].when.company.exists");
    }

    @Test
    void reportsOwnerProblems() throws Exception {
        String yaml = defaultYaml()
                .replace("  - id: li.na\n", "  - id: li.na\n    weight: 0\n")
                .replace("  - id: chen.jie\n", "  - id: wang.fang\n")
                .replace("crm-hubspot: \"51234570\"", "crm-hubspot: \" \"");

        assertThat(pathsOf(yaml)).containsExactlyInAnyOrder(
                "owners[1].weight", "owners[2].id", "owners[3].remoteIds.crm-hubspot",
                // chen.jie is gone, and the rules still name him
                "rules[0].assignment.params.owners[2]", "rules[2].assignment.fallback");
    }

    @Test
    void reportsAnEmptyOwnerListAndAMissingDefaultAssignee() {
        assertThat(pathsOf("""
                version: 1
                owners: []
                rules:
                  - id: r
                    destinations: [{ instance: crm, fields: { N: name } }]
                    assignment: { strategy: roundRobin, params: { owners: [] } }
                """)).containsExactly("owners", "defaultAssignee", "rules[0].assignment.params.owners");
    }

    @Test
    void reportsAnInactiveDefaultAssignee() throws Exception {
        assertThat(problemsOf(defaultYaml().replace("    name: 销售运营\n", "    name: 销售运营\n    active: false\n")))
                .containsExactly(new ConfigProblem("defaultAssignee", "must be an active owner"));
    }

    @Test
    void reportsDuplicateRuleIdsAndBadMatchMode() throws Exception {
        assertThat(pathsOf(defaultYaml().replace("id: trade-show-pool", "id: hot-leads")
                .replace("match: first", "match: best"))).containsExactly("match", "rules[2].id");
    }

    @Test
    void reportsStrategyParameterProblems() throws Exception {
        String yaml = defaultYaml()
                .replace("params: { owners: [wang.fang, li.na, chen.jie] }",
                        "params: { owners: [wang.fang], timeout: 1h, minRate: 0.1 }")
                .replace("params: { match: [region, industry] }", "params: { match: [city] }")
                .replace("params: { timeout: 4h, requeues: 1 }", "params: { timeout: soon, requeues: -1 }");

        assertThat(problemsOf(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "rules[0].assignment.params.minRate: does not apply to strategy roundRobin",
                "rules[0].assignment.params.timeout: does not apply to strategy roundRobin",
                "rules[1].assignment.params.match[0]: unknown criterion 'city' (region, tags, industry)",
                "rules[2].assignment.params.timeout: claimPool needs a timeout above zero such as 30m, 4h or 2d",
                "rules[2].assignment.params.requeues: must not be negative");
    }

    @Test
    void reportsTerritoryWithoutCriteriaAndMinRateOutOfRange() {
        assertThat(pathsOf("""
                version: 1
                owners: [{ id: a }]
                defaultAssignee: a
                rules:
                  - id: t
                    destinations: [{ instance: crm, fields: { N: name } }]
                    assignment: { strategy: territory }
                  - id: w
                    destinations: [{ instance: crm, fields: { N: name } }]
                    assignment: { strategy: weighted, params: { minRate: 1.5 } }
                """)).containsExactly("rules[0].assignment.params.match", "rules[1].assignment.params.minRate");
    }

    @Test
    void reportsDestinationProblems() throws Exception {
        String yaml = defaultYaml()
                .replace("required: [LastName, Company]", "required: [LastName, Status]")
                .replace("Title: title", "Title: job_title")
                .replace("      - instance: crm-hubspot\n        fields:\n          email: emails[0]\n          firstname: name\n"
                        + "          company: company\n          hubspot_owner_id: owner.remoteId\n",
                        "      - instance: \"\"\n        fields: {}\n");

        assertThat(problemsOf(yaml)).extracting(ConfigProblem::toString).containsExactly(
                "rules[0].destinations[0].fields.Title: unknown profile path 'job_title'",
                "rules[0].destinations[0].required[1]: 'Status' is required but not mapped",
                "rules[2].destinations[0].instance: is required",
                "rules[2].destinations[0].fields: at least one field mapping is required");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        String yaml = defaultYaml()
                .replace("version: 1", "version: 0")
                .replace("strategy: territory", "strategy: nearest")
                .replace("tier: [A]", "tier: {above: A}")
                .replace("fallback: chen.jie", "fallback: nobody");

        assertThat(pathsOf(yaml)).containsExactlyInAnyOrder("version", "rules[0].when.any[0].tier.above",
                "rules[1].assignment.strategy", "rules[2].assignment.fallback");
    }
}

package io.kehu.server.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.server.lifecycle.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kehu.server.routing.RoutingFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

class ConditionTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> STAGES = Set.of("lead", "engaged", "opportunity", "customer", "churned");
    private static final Set<String> TIERS = Set.of("A", "B", "C");

    private static final RoutableProfile HOT = profile("p1").name("张伟").company("上海精工制造有限公司")
            .region("上海浦东").stage("opportunity").tier("A").scores(60, 85, 75)
            .tags("展会", "VIP").sources("spreadsheet", "wecom").phones("+8613800000001")
            .attributes(Map.of("industry", "制造业", "budget", "100万")).owner("ann").build();
    private static final RoutableProfile BARE = profile("p2").build();

    private static Map<String, Object> yaml(String text) {
        try {
            return YAML.readValue(text, new TypeReference<>() { });
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Condition when(String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        Condition c = new ConditionParser(STAGES, TIERS, problems).parse(yaml(text), "when");
        assertThat(problems).as(text).isEmpty();
        return c;
    }

    private static List<ConfigProblem> problems(String text) {
        List<ConfigProblem> problems = new ArrayList<>();
        new ConditionParser(STAGES, TIERS, problems).parse(yaml(text), "rules[0].when");
        return problems;
    }

    private static void matchesOnlyHot(String text) {
        Condition c = when(text);
        assertThat(c.test(HOT)).as(text + " on the hot profile").isTrue();
        assertThat(c.test(BARE)).as(text + " on a bare profile").isFalse();
    }

    private static void matchesNeither(String text) {
        Condition c = when(text);
        assertThat(c.test(HOT)).as(text).isFalse();
        assertThat(c.test(BARE)).as(text).isFalse();
    }

    @Test
    void emptyConditionMatchesEveryProfile() {
        assertThat(new ConditionParser(STAGES, TIERS, new ArrayList<>()).parse(Map.of(), "when").test(BARE)).isTrue();
    }

    @Test
    void listShorthandMatchesAnyValueIgnoringCase() {
        matchesOnlyHot("stage: [customer, opportunity]");
        matchesOnlyHot("tier: a");
        matchesOnlyHot("source: [WeCom]");
        matchesNeither("stage: [lead, engaged]");
    }

    @Test
    void inAndAnyAreTheSameTest() {
        matchesOnlyHot("region: {in: [上海浦东, 北京]}");
        matchesOnlyHot("tags: {any: [vip, 老客户]}");
        matchesNeither("tags: {any: [老客户]}");
    }

    @Test
    void allNeedsEveryListedValue() {
        matchesOnlyHot("tags: {all: [展会, vip]}");
        matchesNeither("tags: {all: [展会, 老客户]}");
    }

    @Test
    void noneRefusesEveryListedValueAndMatchesAnEmptyField() {
        Condition c = when("tags: {none: [黑名单]}");
        assertThat(c.test(HOT)).isTrue();
        assertThat(c.test(BARE)).isTrue();
        assertThat(when("tags: {none: [VIP]}").test(HOT)).isFalse();
    }

    @Test
    void prefixAndContainsCompareParts() {
        matchesOnlyHot("region: {prefix: [上海, 北京]}");
        matchesNeither("region: {prefix: [浦东]}");
        matchesOnlyHot("company: {contains: [制造]}");
        matchesOnlyHot("phone: {prefix: ['+86138']}");
    }

    @Test
    void numericRangesNeedAScore() {
        matchesOnlyHot("combined: {gte: 75}");
        matchesNeither("combined: {gt: 75}");
        matchesOnlyHot("fit: {gte: 40, lt: 70}");
        matchesNeither("fit: {gte: 40, lt: 60}");
        matchesOnlyHot("engagement: {lte: 85}");
        matchesOnlyHot("engagement: {eq: 85}");
        // An unscored profile is below nothing: it fails a "less than" test too.
        matchesNeither("combined: {lt: 10}");
    }

    @Test
    void presentTestsWhetherAFieldHasAValue() {
        matchesOnlyHot("company: {present: true}");
        matchesOnlyHot("tags: {present: true}");
        matchesOnlyHot("combined: {present: true}");
        Condition unowned = when("owner: {present: false}");
        assertThat(unowned.test(HOT)).isFalse();
        assertThat(unowned.test(BARE)).isTrue();
    }

    @Test
    void attributesAreReadByKey() {
        matchesOnlyHot("attributes.industry: {contains: [制造, software]}");
        matchesOnlyHot("attributes.budget: 100万");
        matchesNeither("attributes.missing: {present: true}");
    }

    @Test
    void keysOfOneMapMustAllHold() {
        matchesOnlyHot("{ stage: [opportunity], tier: [A] }");
        matchesNeither("{ stage: [opportunity], tier: [B] }");
    }

    @Test
    void anyAllAndNotCombine() {
        String text = """
                any:
                  - all:
                      - tier: [A]
                      - region: {prefix: [北京]}
                  - all:
                      - stage: [opportunity]
                      - not: {tags: {any: [竞争对手]}}
                """;
        matchesOnlyHot(text);
        assertThat(when("not: {stage: [opportunity]}").test(HOT)).isFalse();
        assertThat(when("not: {stage: [opportunity]}").test(BARE)).isTrue();
        assertThat(when("any: [{tier: [B]}, {tier: [C]}]").test(HOT)).isFalse();
    }

    @Test
    void reportsUnknownFieldsAndOperatorsWithTheirPaths() {
        List<ConfigProblem> problems = problems("""
                province: [上海]
                combined: {between: [1, 2]}
                tags: {gte: 3}
                any:
                  - fit: 40
                  - region: {startsWith: [上海]}
                not: [x]
                all: []
                """);

        assertThat(problems).extracting(ConfigProblem::path).containsExactly(
                "rules[0].when.province",
                "rules[0].when.combined.between",
                "rules[0].when.tags.gte",
                "rules[0].when.any[0].fit",
                "rules[0].when.any[1].region.startsWith",
                "rules[0].when.not",
                "rules[0].when.all");
        assertThat(problems.get(1).message()).contains("unknown operator 'between'").contains("gte");
    }

    @Test
    void reportsBadOperandsWithTheirPaths() {
        assertThat(problems("""
                combined: {gte: high}
                company: {present: yes please}
                region: {in: []}
                """)).extracting(ConfigProblem::path).containsExactly(
                "rules[0].when.combined.gte", "rules[0].when.company.present", "rules[0].when.region.in");
    }

    @Test
    void reportsUnknownStageAndTierIds() {
        List<ConfigProblem> problems = problems("""
                stage: [opportunity, prospect]
                any:
                  - tier: {in: [A, S]}
                  - stage: {prefix: [opp]}
                """);

        assertThat(problems).containsExactly(
                new ConfigProblem("rules[0].when.stage[1]", "unknown stage id 'prospect'"),
                new ConfigProblem("rules[0].when.any[0].tier.in[1]", "unknown tier id 'S'"));
    }
}

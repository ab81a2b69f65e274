package io.kehu.server.routing;

import io.kehu.server.lifecycle.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kehu.server.routing.RoutingFixtures.NOW;
import static io.kehu.server.routing.RoutingFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

class FieldTemplateTest {

    private static final Owner ANN = new Owner("ann", "安娜", Map.of("crm-salesforce", "005ANN"), null, null, null,
            null, null);
    private static final RoutableProfile ZHANG = profile("p-1").name("张伟").company("上海精工制造有限公司")
            .title("采购总监").phones("+8613800000001", "+862155550000").emails("zhang.wei@example.cn")
            .tags("展会", "VIP").stage("opportunity").tier("A").scores(60, 85, 75)
            .attributes(Map.of("industry", "制造业")).createdAt(Instant.parse("2026-05-20T02:30:00Z")).build();
    private static final RoutableProfile NAMELESS = profile("p-2").phones("+8613900000002").build();

    private static Object render(String template, RoutableProfile p) {
        return render(template, p, ", ");
    }

    private static Object render(String template, RoutableProfile p, String join) {
        List<ConfigProblem> problems = new ArrayList<>();
        FieldTemplate t = FieldTemplate.parse(template, "fields.X", problems);
        assertThat(problems).as(template).isEmpty();
        return t.render(p, ANN, "crm-salesforce", "hot-leads", NOW, join);
    }

    private static List<ConfigProblem> problems(String template) {
        List<ConfigProblem> problems = new ArrayList<>();
        FieldTemplate.parse(template, "rules[0].destinations[0].fields.Company", problems);
        return problems;
    }

    @Test
    void barePathCopiesTheValueKeepingChineseText() {
        assertThat(render("name", ZHANG)).isEqualTo("张伟");
        assertThat(render("company", ZHANG)).isEqualTo("上海精工制造有限公司");
        assertThat(render("attributes.industry", ZHANG)).isEqualTo("制造业");
    }

    @Test
    void barePathKeepsNumbersAsNumbers() {
        assertThat(render("combined", ZHANG)).isEqualTo(75);
    }

    @Test
    void listsAreJoinedAndCanBeIndexed() {
        assertThat(render("phones", ZHANG)).isEqualTo("+8613800000001, +862155550000");
        assertThat(render("tags", ZHANG, ";")).isEqualTo("展会;VIP");
        assertThat(render("phones[1]", ZHANG)).isEqualTo("+862155550000");
        assertThat(render("emails[1]", ZHANG)).isNull();
    }

    @Test
    void timesBecomeIso8601() {
        assertThat(render("createdAt", ZHANG)).isEqualTo("2026-05-20T02:30:00Z");
        assertThat(render("routedAt", ZHANG)).isEqualTo("2026-06-01T08:00:00Z");
    }

    @Test
    void defaultFillsAMissingValue() {
        assertThat(render("${company|个人}", ZHANG)).isEqualTo("上海精工制造有限公司");
        assertThat(render("${company|个人}", NAMELESS)).isEqualTo("个人");
        assertThat(render("${name|未知客户} ${company|}", NAMELESS)).isEqualTo("未知客户 ");
    }

    @Test
    void templateMixesLiteralsAndPlaceholders() {
        assertThat(render("${stage} · tier ${tier} · score ${combined}", ZHANG))
                .isEqualTo("opportunity · tier A · score 75");
        assertThat(render("${name}（${title}）", ZHANG)).isEqualTo("张伟（采购总监）");
        assertThat(render("电话: ${phones}", ZHANG)).isEqualTo("电话: +8613800000001, +862155550000");
    }

    @Test
    void missingValuesAreLeftOutNotSentEmpty() {
        assertThat(render("name", NAMELESS)).isNull();
        assertThat(render("emails", NAMELESS)).isNull();
        assertThat(render("combined", NAMELESS)).isNull();
        // Every placeholder missing: the literals alone say nothing about the profile.
        assertThat(render("${name}（${title}）", NAMELESS)).isNull();
        // Some present: a missing one renders empty.
        assertThat(render("${phones[0]} / ${name}", NAMELESS)).isEqualTo("+8613900000002 / ");
    }

    @Test
    void constantAfterEqualsSign() {
        assertThat(render("=Kehu Hub", NAMELESS)).isEqualTo("Kehu Hub");
        assertThat(render("=展会线索", NAMELESS)).isEqualTo("展会线索");
    }

    @Test
    void ownerAndRulePathsDescribeTheRouting() {
        assertThat(render("owner.remoteId", ZHANG)).isEqualTo("005ANN");
        assertThat(render("${owner.name} (${owner})", ZHANG)).isEqualTo("安娜 (ann)");
        assertThat(render("rule", ZHANG)).isEqualTo("hot-leads");
    }

    @Test
    void pooledLeadHasNoOwnerYet() {
        FieldTemplate t = FieldTemplate.parse("owner.remoteId", "f", new ArrayList<>());
        assertThat(t.render(ZHANG, null, "crm-salesforce", "r", NOW, ", ")).isNull();
    }

    @Test
    void reportsUnknownPathsAndBadSyntaxWithTheFieldPath() {
        assertThat(problems("compnay")).containsExactly(new ConfigProblem(
                "rules[0].destinations[0].fields.Company", "unknown profile path 'compnay'"));
        assertThat(problems("${company|个人")).extracting(ConfigProblem::message)
                .containsExactly("has an unclosed or empty ${…}");
        assertThat(problems("${}")).hasSize(1);
        assertThat(problems("Kehu Hub")).extracting(ConfigProblem::message)
                .containsExactly("'Kehu Hub' is not a profile path");
        assertThat(problems("name[0]")).extracting(ConfigProblem::message)
                .containsExactly("'name' is not a list and takes no [index]");
        assertThat(problems("")).hasSize(1);
    }
}

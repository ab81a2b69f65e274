package io.kehu.server.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.server.duplicates.SuspectGroup.Member;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SuspectGrouperTest {

    @Test
    void groupsProfilesOfOneNameThatShareACompanyTransitively() {
        Member a = member("a", "华信科技有限公司");
        Member b = member("b", "华信科技", "Acme Ltd");
        Member c = member("c", "ACME");
        Member d = member("d", "北辰贸易");

        assertThat(SuspectGrouper.byCompany(List.of(a, b, c, d))).containsExactly(List.of(a, b, c));
    }

    @Test
    void profilesWithNoCompanyOrOnlyALegalFormAreNoSuspects() {
        assertThat(SuspectGrouper.byCompany(List.of(member("a"), member("b"), member("c", "有限公司"),
                member("d", "Co., Ltd.")))).isEmpty();
    }

    @Test
    void listsAtMostTwentyMembersOfAGroup() {
        List<Member> many = IntStream.range(0, 30).mapToObj(i -> member("p" + i, "华信")).toList();

        assertThat(SuspectGrouper.byCompany(many)).singleElement().satisfies(g -> assertThat(g).hasSize(20));
    }

    @Test
    void namesTheCompanyTheFirstTwoShareAsTheFirstSpellsIt() {
        Member a = member("a", "北辰贸易", "华信科技有限公司");
        Member b = member("b", "华信科技");

        assertThat(SuspectGrouper.sharedCompany(a, b)).isEqualTo("华信科技有限公司");
    }

    private static Member member(String id, String... companies) {
        return new Member(id, "陈静", List.of("陈静"), List.of(companies), List.of(), List.of(), null);
    }
}

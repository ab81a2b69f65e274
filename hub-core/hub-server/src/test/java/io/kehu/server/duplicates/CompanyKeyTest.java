package io.kehu.server.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompanyKeyTest {

    @Test
    void chineseLegalFormsComeOffTheEnd() {
        assertThat(CompanyKey.of("杭州云栖科技有限公司")).contains("杭州云栖科技");
        assertThat(CompanyKey.of("杭州云栖科技")).contains("杭州云栖科技");
        assertThat(CompanyKey.of("杭州云栖科技公司")).contains("杭州云栖科技");
        assertThat(CompanyKey.of("光明乳业股份有限公司")).isEqualTo(CompanyKey.of("光明乳业"));
        assertThat(CompanyKey.of("华信集团有限公司")).contains("华信");
        assertThat(CompanyKey.of("北京华信有限责任公司")).contains("北京华信");
    }

    @Test
    void latinNamesFoldCaseSpacesPunctuationAndLegalForms() {
        assertThat(CompanyKey.of("  Acme Co., Ltd. ")).contains("acme");
        assertThat(CompanyKey.of("ACME")).contains("acme");
        assertThat(CompanyKey.of("Acme Company Limited")).contains("acme");
        assertThat(CompanyKey.of("Acme, Inc.")).contains("acme");
        assertThat(CompanyKey.of("Acme   Robotics GmbH")).contains("acme robotics");
    }

    @Test
    void fullWidthLettersAndPunctuationFoldToHalfWidth() {
        assertThat(CompanyKey.of("ＡＣＭＥ（中国）有限公司")).isEqualTo(CompanyKey.of("acme (中国)"));
    }

    @Test
    void aLegalFormInsideAWordStays() {
        assertThat(CompanyKey.of("Disco")).contains("disco");
        assertThat(CompanyKey.of("Tesco")).contains("tesco");
        assertThat(CompanyKey.of("Ltd Brands Co")).contains("ltd brands");
    }

    @Test
    void nothingButALegalFormOrPunctuationIsNoCompany() {
        assertThat(CompanyKey.of("有限公司")).isEmpty();
        assertThat(CompanyKey.of("Co., Ltd.")).isEmpty();
        assertThat(CompanyKey.of(" - ")).isEmpty();
        assertThat(CompanyKey.of(null)).isEmpty();
    }

    @Test
    void differentCompaniesStayDifferent() {
        assertThat(CompanyKey.of("北辰贸易有限公司")).isNotEqualTo(CompanyKey.of("南山物流有限公司"));
        assertThat(CompanyKey.of("上海华信")).isNotEqualTo(CompanyKey.of("华信"));
    }

    @Test
    void traditionalAndSimplifiedCharactersGiveOneKey() {
        assertThat(CompanyKey.of("臺灣貿易有限公司")).isEqualTo(CompanyKey.of("台湾贸易")).contains("台湾贸易");
    }
}

package io.kehu.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseScriptTest {

    @Test
    void traditionalCharactersAreWrittenSimplified() {
        assertThat(ChineseScript.simplified("陳靜")).isEqualTo("陈静");
        assertThat(ChineseScript.simplified("臺灣貿易有限公司")).isEqualTo("台湾贸易有限公司");
        assertThat(ChineseScript.simplified("鄭麗君 Acme")).isEqualTo("郑丽君 Acme");
    }

    @Test
    void simplifiedAndOtherTextComesBackAsTheSameString() {
        String simplified = "陈静海纳百川软件有限公司";
        assertThat(ChineseScript.simplified(simplified)).isSameAs(simplified);
        assertThat(ChineseScript.simplified("Wang Fang +86 139")).isEqualTo("Wang Fang +86 139");
        assertThat(ChineseScript.simplified(null)).isNull();
    }
}

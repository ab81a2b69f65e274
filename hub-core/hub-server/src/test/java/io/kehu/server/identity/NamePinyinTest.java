package io.kehu.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamePinyinTest {

    @Test
    void aNameIsFoundByItsFullSpellingAndItsInitials() {
        assertThat(NamePinyin.keys(List.of("陈静"))).containsExactly("chenjing", "cj");
        assertThat(NamePinyin.keys(List.of("吕小绿"))).contains("lvxiaolv", "lxl");
    }

    @Test
    void everyReadingOfAPolyphonicNameCountsAndASurnameIsReadAsASurnameFirst() {
        List<String> keys = NamePinyin.keys(List.of("曾长乐"));
        assertThat(keys.get(0)).startsWith("zeng");
        assertThat(keys).contains("zengchangle", "zengzhangle", "zengchangyue", "zcl", "zzl", "zcy");
        assertThat(NamePinyin.keys(List.of("单雄信")).get(0)).isEqualTo("shanxiongxin");
    }

    @Test
    void spellingsAreCappedPerName() {
        // 行 (xing, hang), 长 (chang, zhang), 乐 (le, yue, …), 重 (zhong, chong): many combinations.
        List<String> keys = NamePinyin.keys(List.of("行长乐重"));
        assertThat(keys.stream().filter(k -> k.length() > 4)).hasSize(NamePinyin.MAX_SPELLINGS);
    }

    @Test
    void latinLettersStayAndNamesWithoutChineseHaveNoKeys() {
        assertThat(NamePinyin.keys(List.of("陈Amy"))).containsExactly("chenamy", "camy");
        assertThat(NamePinyin.keys(List.of("Wang Fang", "Li.Lei"))).isEmpty();
        assertThat(NamePinyin.keys(List.of("阿卜杜·热合曼"))).contains("abudureheman", "abdrhm");
    }

    @Test
    void severalNamesGiveTheKeysOfEachWithoutRepeats() {
        assertThat(NamePinyin.keys(List.of("陈静", "陈静", "王芳"))).containsExactly("chenjing", "cj", "wangfang", "wf");
    }

    @Test
    void aQueryIsAPinyinKeyWhenItIsLatinLettersOnly() {
        assertThat(NamePinyin.asQuery("Chen Jing")).isEqualTo("chenjing");
        assertThat(NamePinyin.asQuery("xi'an")).isEqualTo("xian");
        assertThat(NamePinyin.asQuery("cj")).isEqualTo("cj");
        assertThat(NamePinyin.asQuery("c")).isNull();
        assertThat(NamePinyin.asQuery("陈静")).isNull();
        assertThat(NamePinyin.asQuery("138 0013 8000")).isNull();
        assertThat(NamePinyin.asQuery("chen@example.com")).isNull();
        assertThat(NamePinyin.asQuery(null)).isNull();
    }
}

package io.kehu.server.identity;

import static io.kehu.server.identity.ReasonAssertions.assertReasonHidesInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormalizerTest {

    private final EmailNormalizer emails = new EmailNormalizer();

    private void assertNormalizes(String raw, String expected) {
        NormalizedValue result = emails.normalize(raw);
        assertThat(result.ok()).as("accepted: %s (reason %s)", raw, result.rejectionReason()).isTrue();
        assertThat(result.value()).isEqualTo(expected);
    }

    private String assertRefuses(String raw) {
        NormalizedValue result = emails.normalize(raw);
        assertThat(result.ok()).as("refused: %s", raw).isFalse();
        assertThat(result.value()).isNull();
        assertReasonHidesInput(result.rejectionReason(), raw);
        return result.rejectionReason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zhang.san@example.com          | zhang.san@example.com",
            "'  zhang.san@example.com  '    | zhang.san@example.com",
            "Zhang.San@Example.COM          | zhang.san@example.com",
            "ZHANG.SAN@QQ.COM               | zhang.san@qq.com",
            "'\tzhang@163.com\u00a0'          | zhang@163.com"})
    void trimsAndLowerCasesTheWholeAddress(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mailto:zhang@example.com              | zhang@example.com",
            "MAILTO:Zhang@Example.com              | zhang@example.com",
            "mailto: zhang@example.com             | zhang@example.com",
            "mailto:zhang@example.com?subject=Hi   | zhang@example.com"})
    void stripsMailto(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "\"张三\" <Zhang.San@Example.com>           | zhang.san@example.com",
            "Zhang San <a@b.com>                      | a@b.com",
            "<a@b.com>                                | a@b.com",
            "\"Zhang <Boss>\" <Zhang@Corp.cn>           | zhang@corp.cn",
            "\"zhang@old.com\" <zhang@new.com>          | zhang@new.com",
            "张三 ＜zhang@corp.cn＞                     | zhang@corp.cn",
            "zhang@corp.cn (Zhang San)                | zhang@corp.cn"})
    void takesTheAddressOutOfADisplayName(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ     | zhang@example.com",
            "zhang＠example.com                  | zhang@example.com",
            "zhang@example。com                  | zhang@example.com",
            "zhang@example｡com                   | zhang@example.com",
            "ＺＨＡＮＧ＠ＱＱ．ＣＯＭ             | zhang@qq.com",
            "zhang@163。com。cn                  | zhang@163.com.cn",
            "\u200bzhang@example.com\u200b       | zhang@example.com"})
    void foldsFullWidthCharactersAndIdeographicDots(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "用户@例子.公司                   | 用户@xn--fsqu00a.xn--55qx5d",
            "用户@例子。公司                  | 用户@xn--fsqu00a.xn--55qx5d",
            "用户@XN--FSQU00A.XN--55QX5D      | 用户@xn--fsqu00a.xn--55qx5d",
            "info@bücher.de                   | info@xn--bcher-kva.de",
            "Info@BÜCHER.de                   | info@xn--bcher-kva.de",
            "zhang@中文网.中国                | zhang@xn--fiq228c5hs.xn--fiqs8s"})
    void punycodesInternationalizedDomainsAndKeepsUnicodeLocalParts(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"用户@例子.公司", "zhang@bücher.de", "Zhang San <Zhang@Example.com>",
            "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"})
    void isIdempotent(String raw) {
        String once = emails.normalize(raw).value();
        assertThat(emails.normalize(once).value()).isEqualTo(once);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zhang.san@gmail.com           | zhang.san@gmail.com",
            "zhangsan+crm@gmail.com        | zhangsan+crm@gmail.com",
            "z.h.a.n.g+a+b@outlook.com     | z.h.a.n.g+a+b@outlook.com",
            "zhang.san@example.com.        | zhang.san@example.com",
            "o'brien@corp.ie               | o'brien@corp.ie",
            "abc..def.@docomo.ne.jp        | abc..def.@docomo.ne.jp",
            "a@b.co                        | a@b.co",
            "x@sub-domain.my-corp.com.cn   | x@sub-domain.my-corp.com.cn"})
    void keepsDotsAndPlusTags(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhangexample.com", "zhang@@example.com", "zhang@a@example.com",
            "zhang@example.com;li@example.com"})
    void refusesAddressesWithoutExactlyOneAt(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.ONE_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang san@example.com", "zhang@exam ple.com", "zhang@example.com li@example.com",
            "Zhang <zhang @example.com>"})
    void refusesAddressesWithSpaces(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.SPACES);
    }

    @Test
    void refusesEmptyLocalPart() {
        assertThat(assertRefuses("@example.com")).isEqualTo(EmailNormalizer.LOCAL_EMPTY);
    }

    @Test
    void refusesLocalPartLongerThanSixtyFourBytes() {
        assertNormalizes("a".repeat(64) + "@example.com", "a".repeat(64) + "@example.com");
        assertThat(assertRefuses("a".repeat(65) + "@example.com")).isEqualTo(EmailNormalizer.LOCAL_TOO_LONG);
        // 22 CJK characters are 66 UTF-8 bytes: too long for SMTP although only 22 characters.
        assertThat(assertRefuses("用".repeat(22) + "@example.com")).isEqualTo(EmailNormalizer.LOCAL_TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang,san@example.com", "zhang\"san@example.com", "zhang(san@example.com",
            "zhang:san@example.com", "...@example.com", "zhang。san@example.com", "zhang[1]@example.com"})
    void refusesCharactersNotAllowedInTheLocalPart(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.LOCAL_CHARACTERS);
    }

    @ParameterizedTest
    @CsvSource({"Zhang@163.com, zhang@163.com", "li@mail.126.com, li@mail.126.com", "wang@a-1.b2.cn, wang@a-1.b2.cn",
            "zhao@x.y.z.travel, zhao@x.y.z.travel"})
    void keepsPlainAsciiDomainsWithDigitsAndInnerHyphensAsTheyAre(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@localhost", "zhang@example", "zhang@qqcom"})
    void refusesDomainWithoutDot(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.DOMAIN_NO_DOT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@", "zhang@."})
    void refusesEmptyDomain(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.DOMAIN_EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@[192.168.1.1]", "zhang@192.168.1.1"})
    void refusesIpAddressDomains(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.DOMAIN_LITERAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@exa_mple.com", "zhang@-example.com", "zhang@example-.com", "zhang@example..com",
            "zhang@.example.com", "zhang@exa!mple.com", "zhang@example.c*m"})
    void refusesDomainLabelsOtherThanLettersDigitsAndHyphens(String raw) {
        assertThat(assertRefuses(raw)).isIn(EmailNormalizer.DOMAIN_LABELS, EmailNormalizer.DOMAIN_INVALID);
    }

    @Test
    void refusesOverlongDomainLabelsAndAddresses() {
        assertThat(assertRefuses("zhang@" + "a".repeat(64) + ".com")).isIn(EmailNormalizer.DOMAIN_LABELS,
                EmailNormalizer.DOMAIN_INVALID);
        String longDomain = ("a".repeat(60) + ".").repeat(4) + "com"; // 247 characters, valid labels
        assertThat(assertRefuses("zhang.san.li.si@" + longDomain)).isEqualTo(EmailNormalizer.ADDRESS_TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zhang <zhang@example.com", "Zhang zhang@example.com>", "Zhang >zhang@example.com<"})
    void refusesUnbalancedAngleBrackets(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(EmailNormalizer.ANGLE_BRACKETS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "mailto:", "Zhang San <>", "　"})
    void refusesEmptyValues(String raw) {
        assertThat(emails.normalize(raw).rejectionReason()).isEqualTo(EmailNormalizer.EMPTY);
    }
}

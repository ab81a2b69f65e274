package io.kehu.server.identity;

import static io.kehu.server.identity.ReasonAssertions.assertReasonHidesInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WeChatIdNormalizerTest {

    private final WeChatIdNormalizer ids = new WeChatIdNormalizer();

    private static void assertRefused(NormalizedValue result, String raw) {
        assertThat(result.ok()).as("refused: %s", raw).isFalse();
        assertReasonHidesInput(result.rejectionReason(), raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o          | oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "'  oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\t'    | oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "abc-12                                | abc-12"})
    void trimsUnionIdsAndKeepsTheirCase(String raw, String expected) {
        assertThat(ids.normalizeUnionId(raw).value()).isEqualTo(expected);
    }

    @Test
    void acceptsUnionIdsOfSixToOneHundredTwentyEightCharacters() {
        assertThat(ids.normalizeUnionId("a".repeat(6)).ok()).isTrue();
        assertThat(ids.normalizeUnionId("a".repeat(128)).ok()).isTrue();
        assertRefused(ids.normalizeUnionId("a".repeat(5)), "a".repeat(5));
        assertRefused(ids.normalizeUnionId("a".repeat(129)), "a".repeat(129));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oUpF8uMu AJO", "oUpF8uMu.AJO", "oUpF8uMu/AJO", "ｏＵｐＦ８ｕＭｕ", "微信用户名字", "oUpF8+uMuA=="})
    void refusesUnionIdsWithCharactersOutsideTheAllowedSet(String raw) {
        NormalizedValue result = ids.normalizeUnionId(raw);
        assertRefused(result, raw);
        assertThat(result.rejectionReason()).startsWith("unionid must be 6 to 128");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o        | wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "' wx1234567890abcdef / oUpF8uMuAJO_M2pxb1Q9zNjWeS6o '  | wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"})
    void normalizesOpenIdsScopedByAppId(String raw, String expected) {
        assertThat(ids.normalizeOpenId(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "wx1234567890abcdef/",
            "wx1234567890abcdef/oUpF8uMuAJO/extra"})
    void refusesOpenIdsWithoutExactlyOneAppScope(String raw) {
        NormalizedValue result = ids.normalizeOpenId(raw);
        assertRefused(result, raw);
        assertThat(result.rejectionReason()).isEqualTo(WeChatIdNormalizer.NOT_SCOPED_OPENID);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wx12/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o            | app id must be",
            "wx1234567890abcdef/oUp                       | openid must be",
            "wx1234567890abcdef/oUpF8uMu AJO              | openid must be",
            "wx1234567890.abcdef/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o | app id must be"})
    void validatesEachSegmentOfAnOpenId(String raw, String reasonStart) {
        NormalizedValue result = ids.normalizeOpenId(raw);
        assertRefused(result, raw);
        assertThat(result.rejectionReason()).startsWith(reasonStart);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ww1234567890abcdef/wmqfasd1e19278asdasdfasdfasdfasdf  | ww1234567890abcdef/wmqfasd1e19278asdasdfasdfasdfasdf",
            "' ww1234567890abcdef/wmXYZ_abc-123 '                   | ww1234567890abcdef/wmXYZ_abc-123"})
    void normalizesExternalUserIdsScopedByCorpId(String raw, String expected) {
        assertThat(ids.normalizeExternalUserId(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wmqfasd1e19278asdasdfasdfasdfasdf            | external_userid must be written corpid/external_userid",
            "ww12/wmqfasd1e19278asdasdfasdfasdfasdf       | corp id must be",
            "ww1234567890abcdef/wm!fasd1e19278            | external_userid must be"})
    void refusesMalformedExternalUserIds(String raw, String reasonStart) {
        NormalizedValue result = ids.normalizeExternalUserId(raw);
        assertRefused(result, raw);
        assertThat(result.rejectionReason()).startsWith(reasonStart);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesEmptyValues(String raw) {
        assertThat(ids.normalizeUnionId(raw).rejectionReason()).isEqualTo(WeChatIdNormalizer.EMPTY);
        assertThat(ids.normalizeOpenId(raw).rejectionReason()).isEqualTo(WeChatIdNormalizer.EMPTY);
        assertThat(ids.normalizeExternalUserId(raw).rejectionReason()).isEqualTo(WeChatIdNormalizer.EMPTY);
    }
}

package io.kehu.server.identity;

import static io.kehu.server.identity.ReasonAssertions.assertReasonHidesInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierNormalizerTest {

    private final IdentifierNormalizer normalizer = IdentifierNormalizer.create("CN", BlockList.defaults());

    private NormalizationResult normalize(String type, String value) {
        return normalizer.normalize(new Identifier(IdentifierType.fromPrefix(type), value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phone   | １３９ １２３４ ５６７８                 | phone:+8613912345678",
            "phone   | 0086 10-6234-5678 转 12                | phone:+861062345678",
            "email   | \"张三\" <Zhang.San@Corp.CN>             | email:zhang.san@corp.cn",
            "email   | 用户@例子.公司                         | email:用户@xn--fsqu00a.xn--55qx5d",
            "unionid | ' oUpF8uMuAJO_M2pxb1Q9zNjWeS6o '       | unionid:oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "openid  | wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9 | openid:wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9",
            "wecom   | ww1234567890abcdef/wmXYZ_abc-123       | wecom:ww1234567890abcdef/wmXYZ_abc-123",
            "crm     | HubSpot/ 12345                        | crm:hubspot/12345"})
    void dispatchesByTypeAndReturnsTheNormalizedKey(String type, String raw, String expectedKey) {
        NormalizationResult result = normalize(type, raw);

        assertThat(result.ok()).as("reason %s", result.rejectionReason()).isTrue();
        assertThat(result.normalized().key()).isEqualTo(expectedKey);
        assertThat(result.type()).isEqualTo(IdentifierType.fromPrefix(type));
        assertThat(result.rejectionReason()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phone   | 无",
            "phone   | N/A",
            "phone   | '-'",
            "phone   | 00000000000",
            "phone   | 12345678901",
            "phone   | +86 111 1111 1111",
            "phone   | +86 123 4567 8901",
            "email   | null",
            "unionid | undefined",
            "crm     | 未知"})
    void rejectsRawPlaceholdersAsBlockedRatherThanInvalid(String type, String raw) {
        NormalizationResult result = normalize(type, raw);

        assertThat(result.ok()).isFalse();
        assertThat(result.rejectionReason()).isEqualTo(BlockList.REASON);
        assertThat(result.normalized()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phone | ＋８６ １３８-００００-００００",
            "phone | 138 0013 8000",
            "phone | +1 (212) 555-0100",
            "email | Test <TEST@Example.com>",
            "email | ｎｏｒｅｐｌｙ＠ｃｏｒｐ．ｃｎ",
            "email | a@a.com",
            "crm   | salesforce/null"})
    void rejectsPlaceholdersOnlyVisibleAfterNormalization(String type, String raw) {
        NormalizationResult result = normalize(type, raw);

        assertThat(result.ok()).isFalse();
        assertThat(result.rejectionReason()).isEqualTo(BlockList.REASON);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "phone   | 1.39E+10",
            "phone   | 1380013",
            "email   | zhang.san@corp",
            "email   | zhang san@corp.cn",
            "unionid | oUp F8uMu",
            "openid  | oUpF8uMuAJO_M2pxb1Q9",
            "wecom   | wmXYZ_abc-123456",
            "crm     | 0035g00000XyZab"})
    void passesOnTheNormalizersReasonWithoutThePersonalValue(String type, String raw) {
        NormalizationResult result = normalize(type, raw);

        assertThat(result.ok()).isFalse();
        assertThat(result.type()).isEqualTo(IdentifierType.fromPrefix(type));
        assertThat(result.rejectionReason()).isNotEqualTo(BlockList.REASON);
        assertReasonHidesInput(result.rejectionReason(), raw);
    }

    @Test
    void appliesExtraBlockedValuesFromConfiguration() {
        IdentifierNormalizer configured = IdentifierNormalizer.create("CN",
                new BlockList(List.of("+8613912345678", "email:info@corp.cn")));

        assertThat(configured.normalize(Identifier.phone("139-1234-5678")).rejectionReason())
                .isEqualTo(BlockList.REASON);
        assertThat(configured.normalize(Identifier.email("INFO@corp.cn")).rejectionReason())
                .isEqualTo(BlockList.REASON);
        assertThat(configured.normalize(Identifier.email("zhang@corp.cn")).ok()).isTrue();
    }

    @Test
    void deduplicatesIdenticalNormalizedIdentifiersKeepingTheFirst() {
        List<NormalizationResult> results = normalizer.normalizeAll(List.of(
                Identifier.phone("139 1234 5678"),
                Identifier.email("Zhang@Corp.cn"),
                Identifier.phone("+86 13912345678"),
                Identifier.phone("无"),
                Identifier.email("mailto:zhang@corp.cn"),
                Identifier.phone("１３９１２３４５６７８"),
                Identifier.phone("n/a"),
                new Identifier(IdentifierType.CRM_ID, "hubspot/13912345678")));

        assertThat(results).extracting(r -> r.ok() ? r.normalized().key() : r.type() + " " + r.rejectionReason())
                .containsExactly(
                        "phone:+8613912345678",
                        "email:zhang@corp.cn",
                        "PHONE blocked placeholder value",
                        "PHONE blocked placeholder value",
                        "crm:hubspot/13912345678");
    }

    @Test
    void normalizeAllReturnsAnEmptyListForNoIdentifiersAndAnImmutableList() {
        assertThat(normalizer.normalizeAll(List.of())).isEmpty();
        List<NormalizationResult> results = normalizer.normalizeAll(List.of(Identifier.phone("13912345678")));
        assertThatThrownBy(() -> results.add(results.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void resultsHoldEitherAnIdentifierOrAReason() {
        Identifier phone = Identifier.phone("+8613912345678");
        assertThat(NormalizationResult.accepted(phone).ok()).isTrue();
        assertThat(NormalizationResult.rejected(IdentifierType.PHONE, "r").ok()).isFalse();
        assertThatThrownBy(() -> new NormalizationResult(IdentifierType.PHONE, phone, "r"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NormalizationResult(IdentifierType.PHONE, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NormalizationResult(IdentifierType.EMAIL, phone, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NormalizedValue("v", "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NormalizedValue(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANullIdentifierWithoutPersonalData() {
        assertThatThrownBy(() -> normalizer.normalize(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("raw identifier");
    }
}

package io.kehu.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockListTest {

    private final BlockList blockList = BlockList.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "None", "nil", "undefined", "#N/A", "-", "--", "---", "n/a", "N/A",
            "na", "NA", "无", "暂无", "空", "未知", "0", "test", "TEST", ".", "..", "/", "()", "—", "－", " - ",
            "００", "?", "＊"})
    void blocksRawPlaceholders(String raw) {
        assertThat(blockList.isBlockedRaw(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "11111111111", "000-0000-0000", "0000 0000", "8888888", "+86 111 1111 1111", "0086 123 4567 8901",
            "１１１１１１１１１１１", "12345678901", "1234567", "123-4567-8901", "1234567890"})
    void blocksRawRepeatedDigitsAndKeyboardRuns(String raw) {
        assertThat(blockList.isBlockedRaw(raw)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"13912345678", "zhang@corp.cn", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o", "123456", "nana",
            "testing", "无锡", "salesforce/0"})
    void letsRealOrEmptyRawValuesThrough(String raw) {
        assertThat(blockList.isBlockedRaw(raw)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+8600000000000", "+8611111111111", "+8688888888888", "+11111111111", "+447777777777",
            "+8612345678901", "+8613800000000", "+8613900000000", "+8618600000000", "+8613800138000",
            "+12125550100", "+14155550199", "+861234567890", "+85288888888", "+85212345678"})
    void blocksPlaceholderPhones(String e164) {
        assertThat(blockList.isBlocked(Identifier.phone(e164))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+8613912345678", "+8613888888888", "+8613333333333", "+8613812345678",
            "+861062345678", "+14155552671", "+12125550200", "+442079460958", "+8613800138001", "+85291234567",
            "+390611111111"})
    void letsRealAndVanityPhonesThrough(String e164) {
        assertThat(blockList.isBlocked(Identifier.phone(e164))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"test@test.com", "a@a.com", "test@example.com", "zhang@example.com",
            "zhang@example.org", "zhang@example.net", "zhang@test.com", "zhang@mail.example.com",
            "noreply@corp.cn", "no-reply@corp.cn", "no_reply@corp.cn", "donotreply@corp.cn", "do-not-reply@corp.cn",
            "null@corp.cn", "zhang@corp.test", "zhang@corp.example", "zhang@corp.invalid", "zhang@corp.localhost"})
    void blocksPlaceholderEmails(String email) {
        assertThat(blockList.isBlocked(Identifier.email(email))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang@corp.cn", "test@qq.com", "a@b.com", "zhang@example.com.cn", "zhang@myexample.com",
            "zhang@testing.com", "noreply.zhang@corp.cn", "zhang@contest.com"})
    void letsRealEmailsThrough(String email) {
        assertThat(blockList.isBlocked(Identifier.email(email))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wx1234567890abcdef/undefined", "wx1234567890abcdef/null", "salesforce/null",
            "salesforce/-", "salesforce/N/A", "hubspot/0", "hubspot/none"})
    void blocksPlaceholdersInTheIdPartOfScopedIds(String value) {
        IdentifierType type = value.startsWith("wx") ? IdentifierType.WECHAT_OPENID : IdentifierType.CRM_ID;
        assertThat(blockList.isBlocked(new Identifier(type, value))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jiandaoyun/1", "jiandaoyun/11", "jiandaoyun/1234567", "salesforce/0035g00000XyZab"})
    void letsSmallNumericCrmIdsThrough(String value) {
        assertThat(blockList.isBlocked(new Identifier(IdentifierType.CRM_ID, value))).isFalse();
    }

    @Test
    void blocksUnionIdsThatSpellAPlaceholder() {
        assertThat(blockList.isBlocked(Identifier.unionId("undefined"))).isTrue();
        assertThat(blockList.isBlocked(Identifier.unionId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"))).isFalse();
    }

    @Test
    void blocksExtraValuesFromConfigurationOnTopOfTheDefaults() {
        BlockList configured = new BlockList(Arrays.asList("+8613912345678", " Info@Corp.CN ", "email:sales@corp.cn",
                "保密", "", null));

        assertThat(configured.isBlocked(Identifier.phone("+8613912345678"))).isTrue();
        assertThat(configured.isBlocked(Identifier.email("info@corp.cn"))).isTrue();
        assertThat(configured.isBlocked(Identifier.email("sales@corp.cn"))).isTrue();
        assertThat(configured.isBlockedRaw("保密")).isTrue();
        assertThat(configured.isBlocked(Identifier.email("test@example.com"))).as("defaults kept").isTrue();
        assertThat(configured.isBlocked(Identifier.phone("+8613912345679"))).isFalse();
        // A key-form entry applies only to its own type.
        assertThat(configured.isBlocked(new Identifier(IdentifierType.CRM_ID, "sales@corp.cn"))).isFalse();
    }

    @Test
    void ignoresPhonesItCannotParse() {
        assertThat(blockList.isBlocked(Identifier.phone("not-e164"))).isFalse();
        assertThat(new BlockList(List.of()).isBlocked(Identifier.phone("+"))).isFalse();
        assertThat(blockList.isBlocked(Identifier.phone("+9991111111111"))).isFalse(); // 999 is no calling code
    }
}

package io.kehu.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+8613800138000     | +86138****8000",
            "13800138000        | 138****8000",
            "138 0013 8000      | 138 **** 8000",
            "+14155552671       | +141****2671",
            "+861062345678      | +8610****5678",
            "62345678           | ****5678",
            "1234567            | *****67",
            "123                | ***",
            "'n/a 1380'         | */* **80",
            "''                 | ''"})
    void masksTheFourDigitsBeforeTheLastFour(String phone, String expected) {
        assertThat(Masking.maskPhone(phone)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "zhang.san@example.com     | z***@example.com",
            "a@b.com                   | ***@b.com",
            "用户@xn--fsqu00a.xn--55qx5d | 用***@xn--fsqu00a.xn--55qx5d",
            "not-an-address            | n***",
            "@corp.cn                  | ***@corp.cn"})
    void masksTheLocalPartButTheFirstCharacter(String email, String expected) {
        assertThat(Masking.maskEmail(email)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "张三丰       | 张**",
            "张三         | 张*",
            "欧阳娜娜     | 欧***",
            "Zhang San    | Z********",
            "张           | *",
            "𠀋𠀋         | 𠀋*",
            "''           | ''"})
    void masksEveryNameCharacterButTheFirst(String name, String expected) {
        assertThat(Masking.maskName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o | oUp***S6o",
            "12345678                     | ***",
            "123456789                    | 123***789"})
    void masksOpaqueIds(String id, String expected) {
        assertThat(Masking.maskId(id)).isEqualTo(expected);
    }

    @Test
    void masksIdentifiersKeepingTheirTypeAndScope() {
        assertThat(Masking.mask(Identifier.phone("+8613800138000"))).isEqualTo("phone:+86138****8000");
        assertThat(Masking.mask(Identifier.email("zhang.san@example.com"))).isEqualTo("email:z***@example.com");
        assertThat(Masking.mask(Identifier.unionId("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")))
                .isEqualTo("unionid:oUp***S6o");
        assertThat(Masking.mask(new Identifier(IdentifierType.WECHAT_OPENID,
                "wx1234567890abcdef/oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")))
                .isEqualTo("openid:wx1234567890abcdef/oUp***S6o");
        assertThat(Masking.mask(new Identifier(IdentifierType.CRM_ID, "salesforce/0035g00000XyZab")))
                .isEqualTo("crm:salesforce/003***Zab");
        assertThat(Masking.mask(new Identifier(IdentifierType.CRM_ID, "unscoped-id-123")))
                .isEqualTo("crm:uns***123");
    }

    @Test
    void isNullSafe() {
        assertThat(Masking.maskPhone(null)).isNull();
        assertThat(Masking.maskEmail(null)).isNull();
        assertThat(Masking.maskName(null)).isNull();
        assertThat(Masking.maskId(null)).isNull();
        assertThat(Masking.mask(null)).isNull();
    }
}

package io.kehu.server.identity;

import static io.kehu.server.identity.ReasonAssertions.assertReasonHidesInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {

    private final PhoneNormalizer cn = new PhoneNormalizer("CN");

    private void assertNormalizes(String raw, String expected) {
        NormalizedValue result = cn.normalize(raw);
        assertThat(result.ok()).as("accepted: %s (reason %s)", raw, result.rejectionReason()).isTrue();
        assertThat(result.value()).isEqualTo(expected);
        assertThat(result.rejectionReason()).isNull();
    }

    private String assertRefuses(PhoneNormalizer normalizer, String raw) {
        NormalizedValue result = normalizer.normalize(raw);
        assertThat(result.ok()).as("refused: %s", raw).isFalse();
        assertThat(result.value()).isNull();
        assertReasonHidesInput(result.rejectionReason(), raw);
        return result.rejectionReason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13800138000        | +8613800138000",
            "19912345678        | +8619912345678",
            "16612345678        | +8616612345678",
            "'138 0013 8000'    | +8613800138000",
            "138-0013-8000      | +8613800138000",
            "138.0013.8000      | +8613800138000",
            "(138) 0013 8000    | +8613800138000",
            "'  13800138000  '  | +8613800138000"})
    void normalizesChineseMobileNumbersWithSeparators(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "１３８００１３８０００           | +8613800138000",
            "１３８－００１３－８０００       | +8613800138000",
            "＋８６ １３８ ００１３ ８０００  | +8613800138000",
            "＋８６（０１０）６２３４－５６７８ | +861062345678",
            "138　0013　8000                 | +8613800138000",
            "138—0013—8000                   | +8613800138000",
            "\u200b13800138000\ufeff         | +8613800138000"})
    void normalizesFullWidthDigitsAndPunctuation(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+8613800138000       | +8613800138000",
            "+86 138 0013 8000    | +8613800138000",
            "(+86) 13800138000    | +8613800138000",
            "0086 13800138000     | +8613800138000",
            "0086-138-0013-8000   | +8613800138000",
            "8613800138000        | +8613800138000",
            "86 138 0013 8000     | +8613800138000",
            "86-13800138000       | +8613800138000",
            "tel:+86-138-0013-8000 | +8613800138000",
            "TEL:13800138000      | +8613800138000"})
    void normalizesChineseCountryCodePrefixes(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @Test
    void dropsExcelTextMarkerApostrophe() {
        assertNormalizes("'13800138000", "+8613800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8613800138000", "+86 138 0013 8000", "0086 13800138000"})
    void readsEightySixPrefixAsChinaWhateverTheDefaultRegion(String raw) {
        assertThat(new PhoneNormalizer("US").normalize(raw).value()).isEqualTo("+8613800138000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "010-62345678         | +861062345678",
            "(010) 62345678       | +861062345678",
            "(0755) 8888 8888     | +8675588888888",
            "0755-88888888        | +8675588888888",
            "021 6666 6666        | +862166666666",
            "0571-88889999        | +8657188889999",
            "+86 10 6234 5678     | +861062345678",
            "+86 (0)10 6234 5678  | +861062345678",
            "+86 010 62345678     | +861062345678",
            "0086-10-62345678     | +861062345678",
            "400-800-8888         | +864008008888"})
    void normalizesLandlinesWithAreaCodes(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "010-62345678 转 123    | +861062345678",
            "010-62345678转123      | +861062345678",
            "010-62345678 轉 8      | +861062345678",
            "010-62345678 分机 123  | +861062345678",
            "010-62345678-分机123   | +861062345678",
            "010-62345678 ext. 12   | +861062345678",
            "010-62345678 ext 12    | +861062345678",
            "010-62345678 EXT.12    | +861062345678",
            "010-62345678 extension 12 | +861062345678",
            "010-62345678 x12       | +861062345678",
            "010-62345678#12        | +861062345678",
            "010-62345678 ＃１２    | +861062345678",
            "+1 415 555 2671 ext. 99 | +14155552671",
            "010-62345678-123       | +861062345678",
            "0755-88888888-8001     | +8675588888888",
            "+86 10 6234 5678 - 12  | +861062345678"})
    void dropsExtensionsAndKeepsTheNumber(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+1 415 555 2671      | +14155552671",
            "+1 (415) 555-2671    | +14155552671",
            "001 415 555 2671     | +14155552671",
            "+44 20 7946 0958     | +442079460958",
            "0044 20 7946 0958    | +442079460958",
            "+852 9123 4567       | +85291234567",
            "+886 912 345 678     | +886912345678",
            "+81 3-1234-5678      | +81312345678"})
    void normalizesInternationalNumbers(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "13800138000.0        | +8613800138000",
            "13800138000.00       | +8613800138000",
            "8613800138000.0      | +8613800138000",
            "+8613800138000.0     | +8613800138000"})
    void dropsTrailingExcelDecimalZero(String raw, String expected) {
        assertNormalizes(raw, expected);
    }

    @Test
    void acceptsChineseMobileRangesMissingFromLibphonenumberMetadata() {
        // 160 is not (yet) a mobile range in libphonenumber 9.0.19: the CN fallback accepts it.
        assertNormalizes("16012345678", "+8616012345678");
        assertNormalizes("+86 160 1234 5678", "+8616012345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.39E+10", "1.38001E10", "1,38E+10", "1.38001e+10", "1.3800138E+10",
            "１．３９Ｅ＋１０", "8.61380E+12", " 1.39E+10 "})
    void refusesExcelScientificNotation(String raw) {
        assertThat(assertRefuses(cn, raw))
                .contains("Excel")
                .contains("scientific notation")
                .contains("digits are lost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "1380013", "+86 138", "+1 415 555 267", "00"})
    void refusesNumbersTooShort(String raw) {
        assertThat(assertRefuses(cn, raw)).containsAnyOf("too short", "not a valid phone number");
    }

    @Test
    void keepsAMobileNumberFollowedByADashGroup() {
        // Mobiles have no extensions, but the number before the group is still the person's.
        assertNormalizes("13800138000-123", "+8613800138000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0755-8888-888", "021-6666-66661", "138-0013-8000-12-34"})
    void refusesDashGroupsThatDoNotFollowACompleteNumber(String raw) {
        assertRefuses(cn, raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1380013800012345", "+12345678901234567", "+86 1380 0138 0001 2345 6789"})
    void refusesNumbersTooLong(String raw) {
        assertThat(assertRefuses(cn, raw)).containsAnyOf("too long", "impossible length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1380013800", "62345678", "10012345678", "11012345678", "+86 138 0013 80001",
            "12345678901"})
    void refusesNumbersThatAreNotValidForChina(String raw) {
        assertThat(assertRefuses(cn, raw)).isEqualTo("not a valid phone number for region CN");
    }

    @Test
    void namesTheRegionOfTheCountryCodeWhenAForeignNumberIsInvalid() {
        assertThat(assertRefuses(cn, "+44 99 1234 5678")).isEqualTo("not a valid phone number for region GB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999 12345678", "+0 1234567"})
    void refusesUnknownCountryCodes(String raw) {
        assertThat(assertRefuses(cn, raw)).containsAnyOf("country calling code", "not a phone number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "n/a", "N/A", "none", "1-800-FLOWERS", "手机 13800138000", "同上",
            "see email", "13800138000 (wife)", "１３８ａｂｃ"})
    void refusesTextWithLetters(String raw) {
        assertThat(assertRefuses(cn, raw)).isEqualTo(PhoneNormalizer.LETTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"13800138000,13900139000", "13800138000，13900139000", "13800138000 / 13900139000",
            "13800138000;13900139000", "13800138000、13900139000"})
    void refusesSeveralNumbersInOneValue(String raw) {
        assertThat(assertRefuses(cn, raw)).isEqualTo(PhoneNormalizer.SEVERAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"138*0013*8000", "138_0013_8000", "13800138000!", "+86 138 0013 8000 @"})
    void refusesCharactersThatAreNotPartOfAPhoneNumber(String raw) {
        assertThat(assertRefuses(cn, raw)).isEqualTo(PhoneNormalizer.BAD_CHARACTERS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t", "　", "tel:", "'"})
    void refusesEmptyValues(String raw) {
        assertThat(cn.normalize(raw).rejectionReason()).isEqualTo(PhoneNormalizer.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", "()", "+", "."})
    void refusesPunctuationWithoutDigits(String raw) {
        assertThat(assertRefuses(cn, raw)).isEqualTo(PhoneNormalizer.NOT_A_NUMBER);
    }

    @Test
    void isIdempotent() {
        for (String e164 : new String[]{"+8613800138000", "+861062345678", "+14155552671", "+442079460958"}) {
            assertNormalizes(e164, e164);
        }
    }

    @Test
    void acceptsLowerCaseRegionAndRefusesUnknownRegion() {
        assertThat(new PhoneNormalizer(" cn ").defaultRegion()).isEqualTo("CN");
        assertThatThrownBy(() -> new PhoneNormalizer("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesTheDefaultRegionForNumbersWithoutCountryCode() {
        assertThat(new PhoneNormalizer("US").normalize("(415) 555-2671").value()).isEqualTo("+14155552671");
        assertThat(new PhoneNormalizer("GB").normalize("020 7946 0958").value()).isEqualTo("+442079460958");
    }
}

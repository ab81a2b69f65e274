package io.kehu.server.identity;

import static io.kehu.server.identity.ReasonAssertions.assertReasonHidesInput;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CrmIdNormalizerTest {

    private final CrmIdNormalizer crm = new CrmIdNormalizer();

    private String assertRefuses(String raw) {
        NormalizedValue result = crm.normalize(raw);
        assertThat(result.ok()).as("refused: %s", raw).isFalse();
        assertReasonHidesInput(result.rejectionReason(), raw);
        return result.rejectionReason();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "salesforce/0035g00000XyZabAAB        | salesforce/0035g00000XyZabAAB",
            "Salesforce/0035g00000XyZab           | salesforce/0035g00000XyZab",
            "' HubSpot / 12345 '                  | hubspot/12345",
            "fxiaoke/6123abc-DEF_9                | fxiaoke/6123abc-DEF_9",
            "纷享销客/客户-001                     | 纷享销客/客户-001",
            "webhook/https://crm.corp.cn/c/42     | webhook/https://crm.corp.cn/c/42",
            "jiandaoyun/1                         | jiandaoyun/1",
            "zoho.crm/ID#42!                      | zoho.crm/ID#42!"})
    void lowerCasesTheSystemAndTrimsTheId(String raw, String expected) {
        assertThat(crm.normalize(raw).value()).isEqualTo(expected);
    }

    @Test
    void keepsTheCaseOfTheRecordId() {
        // Salesforce 15-character ids differ only by case.
        assertThat(crm.normalize("salesforce/0035g00000XyZab").value())
                .isNotEqualTo(crm.normalize("salesforce/0035g00000xyzab").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0035g00000XyZab", "/0035g00000XyZab", "salesforce/", " / "})
    void refusesIdsNotWrittenSystemSlashId(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(CrmIdNormalizer.SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sales force/0035g00000XyZab", "sales:force/0035g00000XyZab", "crm!/0035g00000XyZab"})
    void refusesSystemNamesWithOtherCharacters(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(CrmIdNormalizer.SYSTEM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salesforce/0035g 00000", "salesforce/0035g\t00000", "salesforce/0035g\u000100000",
            "salesforce/0035g\u200b00000", "salesforce/0035g\u3000abcd"})
    void refusesIdsWithSpacesOrControlCharacters(String raw) {
        assertThat(assertRefuses(raw)).isEqualTo(CrmIdNormalizer.ID_CHARACTERS);
    }

    @Test
    void refusesOverlongIds() {
        assertThat(crm.normalize("salesforce/" + "a".repeat(256)).ok()).isTrue();
        assertThat(assertRefuses("salesforce/" + "a".repeat(257))).isEqualTo(CrmIdNormalizer.ID_TOO_LONG);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void refusesEmptyValues(String raw) {
        assertThat(crm.normalize(raw).rejectionReason()).isEqualTo(CrmIdNormalizer.EMPTY);
    }
}

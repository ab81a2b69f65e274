package io.kehu.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;

/** Checks that a refusal reason describes the problem without leaking the refused value. */
final class ReasonAssertions {

    private ReasonAssertions() {
    }

    /**
     * The reason must not quote the input, nor any run of 4+ of its digits, nor any 4+ character
     * word of it (a local part, a domain label, an id segment).
     */
    static void assertReasonHidesInput(String reason, String raw) {
        assertThat(reason).as("reason").isNotBlank();
        if (raw == null || raw.isBlank()) {
            return;
        }
        String lowerReason = reason.toLowerCase(Locale.ROOT);
        if (raw.strip().length() >= 3) { // "/" or "-" may well occur in any sentence
            assertThat(lowerReason).doesNotContain(raw.strip().toLowerCase(Locale.ROOT));
        }
        // Reasons may state limits such as 64 or 128; four digits in a row would be the input's.
        String digits = raw.replaceAll("\\D", "");
        for (int i = 0; i + 4 <= digits.length(); i++) {
            assertThat(reason).as("reason quotes digits of the input")
                    .doesNotContain(digits.substring(i, i + 4));
        }
        Arrays.stream(raw.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 4)
                .forEach(word -> assertThat(lowerReason).as("reason quotes a word of the input")
                        .doesNotContain(word));
    }
}

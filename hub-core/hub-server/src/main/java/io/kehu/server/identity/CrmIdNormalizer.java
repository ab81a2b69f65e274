package io.kehu.server.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalizes record ids in a CRM, written {@code system/id} ({@code salesforce/0035g00000XyZab},
 * {@code fxiaoke/6123abc}). The system name is lower-cased, since it comes from configuration
 * typed by people; the id is only trimmed, since CRMs treat ids as case-sensitive (Salesforce's
 * 15-character ids differ only by case). The id may contain further slashes. Thread-safe.
 */
public final class CrmIdNormalizer {

    static final String EMPTY = "empty value";
    static final String SHAPE = "CRM id must be written system/id";
    static final String SYSTEM = "CRM system name must be 1 to 64 letters, digits, '.', '_' or '-'";
    static final String ID_CHARACTERS = "CRM record id must not contain spaces or control characters";
    static final String ID_TOO_LONG = "CRM record id is longer than 256 characters";

    private static final Pattern SYSTEM_NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");
    /** Keeps the identifier key ({@code crm:system/id}) well under Elasticsearch's 512-byte _id. */
    private static final int MAX_ID_LENGTH = 256;

    /** Returns {@code system/id} with the system lower-cased and both parts trimmed, or why not. */
    public NormalizedValue normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return NormalizedValue.rejected(EMPTY);
        }
        int slash = raw.indexOf('/');
        if (slash < 0) {
            return NormalizedValue.rejected(SHAPE);
        }
        String system = raw.substring(0, slash).strip().toLowerCase(Locale.ROOT);
        String id = raw.substring(slash + 1).strip();
        if (system.isEmpty() || id.isEmpty()) {
            return NormalizedValue.rejected(SHAPE);
        }
        if (!SYSTEM_NAME.matcher(system).matches()) {
            return NormalizedValue.rejected(SYSTEM);
        }
        if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
            return NormalizedValue.rejected(ID_TOO_LONG);
        }
        if (!id.codePoints().allMatch(CrmIdNormalizer::isPrintableNonSpace)) {
            return NormalizedValue.rejected(ID_CHARACTERS);
        }
        return NormalizedValue.of(system + "/" + id);
    }

    private static boolean isPrintableNonSpace(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}

package io.kehu.connector.webform;

import java.util.List;
import java.util.Locale;

/**
 * Where one form field goes: a lead field, an identifier, a custom attribute ({@code attr:<key>}),
 * the submission's own id ({@code id}), or nowhere ({@code ignore}).
 */
record MappingTarget(Kind kind, String key) {

    enum Kind {
        NAME, PHONE, EMAIL, COMPANY, TITLE, REGION, TAGS, NOTES, SOURCE, OWNER, ATTRIBUTE, ID, IGNORE
    }

    /** The target names a mapping may use, besides {@code attr:<key>}. */
    static final List<String> TARGET_NAMES =
            List.of("name", "phone", "email", "company", "title", "region", "tags", "notes", "source", "owner", "id", "ignore");

    static MappingTarget of(Kind kind) {
        return new MappingTarget(kind, null);
    }

    /** Parses a target as written in a mapping, e.g. {@code phone} or {@code attr:budget}. */
    static MappingTarget parse(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith("attr:")) {
            return new MappingTarget(Kind.ATTRIBUTE, t.substring(5).strip());
        }
        return of(Kind.valueOf(t.toUpperCase(Locale.ROOT)));
    }

    /** Why a target is not valid, or null when it is. */
    static String problemWith(String text) {
        if (text == null || text.isBlank()) {
            return "has no target";
        }
        String t = text.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith("attr:")) {
            return t.substring(5).isBlank() ? "'attr:' needs a key, e.g. attr:budget" : null;
        }
        return TARGET_NAMES.contains(t.toLowerCase(Locale.ROOT)) ? null
                : "unknown target '" + t + "'; use one of " + String.join(", ", TARGET_NAMES) + " or attr:<key>";
    }
}

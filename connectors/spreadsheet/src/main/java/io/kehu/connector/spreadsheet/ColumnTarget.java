package io.kehu.connector.spreadsheet;

import java.util.List;
import java.util.Locale;

/**
 * What one column feeds: a lead field, an identifier, the interaction time, an attribute, or
 * nothing.
 *
 * @param kind what the column is
 * @param key  the CRM system for {@link Kind#CRM}, the attribute key for {@link Kind#ATTRIBUTE}, else null
 */
record ColumnTarget(Kind kind, String key) {

    enum Kind {
        NAME, PHONE, EMAIL, COMPANY, TITLE, REGION, SOURCE, TAGS, NOTES, OWNER, UNIONID, CRM, DATE, IGNORE, ATTRIBUTE;

        boolean identifier() {
            return this == PHONE || this == EMAIL || this == UNIONID || this == CRM;
        }
    }

    /** The simple targets a mapping may name, besides {@code crm:<system>} and {@code attr:<key>}. */
    static final List<String> TARGET_NAMES = List.of(
            "name", "phone", "email", "company", "title", "region", "source", "tags", "notes", "owner", "unionid", "date", "ignore");

    static ColumnTarget of(Kind kind) {
        return new ColumnTarget(kind, null);
    }

    static ColumnTarget attribute(String key) {
        return new ColumnTarget(Kind.ATTRIBUTE, key);
    }

    /** Parses a mapping target such as {@code phone}, {@code crm:salesforce} or {@code attr:wechat}. */
    static ColumnTarget parse(String target) {
        String problem = problemWith(target);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String t = target.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("crm:")) {
            return new ColumnTarget(Kind.CRM, t.substring(4).trim());
        }
        if (lower.startsWith("attr:")) {
            return attribute(t.substring(5).trim());
        }
        return of(Kind.valueOf(lower.toUpperCase(Locale.ROOT)));
    }

    /** Why a mapping target is not accepted, or null when it is. */
    static String problemWith(String target) {
        if (target == null || target.isBlank()) {
            return "no target given; use 'ignore' to skip a column";
        }
        String t = target.trim().toLowerCase(Locale.ROOT);
        if (TARGET_NAMES.contains(t)) {
            return null;
        }
        if (t.startsWith("crm:")) {
            return t.substring(4).isBlank() ? "crm: needs a system, e.g. crm:salesforce" : null;
        }
        if (t.startsWith("attr:")) {
            return t.substring(5).isBlank() ? "attr: needs a key, e.g. attr:wechat" : null;
        }
        return "unknown target '" + target.trim() + "'; use one of " + String.join(", ", TARGET_NAMES)
                + ", crm:<system> or attr:<key>";
    }
}

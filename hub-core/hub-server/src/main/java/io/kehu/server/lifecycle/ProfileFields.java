package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.ScoringRules.FitRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the profile fields fit rules name and evaluates a rule's check on them. */
final class ProfileFields {

    private ProfileFields() {
    }

    static boolean matches(Profile profile, FitRule rule) {
        return switch (rule.check()) {
            case PRESENT -> rule.fields().stream().allMatch(f -> !values(profile, f).isEmpty());
            case CONTAINS_ANY -> rule.fields().stream().flatMap(f -> values(profile, f).stream())
                    .map(v -> v.toLowerCase(Locale.ROOT))
                    .anyMatch(v -> rule.values().stream().anyMatch(k -> v.contains(k.toLowerCase(Locale.ROOT))));
            case IN -> rule.fields().stream().flatMap(f -> values(profile, f).stream())
                    .anyMatch(v -> rule.values().stream().anyMatch(v.trim()::equalsIgnoreCase));
        };
    }

    /** Non-blank values of {@code field}; lists (phones, emails, names, companies) give several. */
    static List<String> values(Profile p, String field) {
        List<String> out = new ArrayList<>();
        switch (field) {
            case "name" -> { add(out, p.name()); p.names().forEach(v -> add(out, v)); }
            case "company" -> { add(out, p.company()); p.companies().forEach(v -> add(out, v)); }
            case "title" -> add(out, p.title());
            case "region" -> add(out, p.region());
            case "phone" -> p.phones().forEach(v -> add(out, v));
            case "email" -> p.emails().forEach(v -> add(out, v));
            default -> {
                if (field.startsWith("attributes.")) {
                    add(out, p.attributes().get(field.substring("attributes.".length())));
                }
            }
        }
        return out;
    }

    private static void add(List<String> out, String value) {
        if (value != null && !value.isBlank()) {
            out.add(value);
        }
    }
}

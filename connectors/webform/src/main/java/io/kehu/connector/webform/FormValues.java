package io.kehu.connector.webform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The values of one submission once mapped: what becomes the lead. */
final class FormValues {

    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,，;；、|]+");

    String name;
    String firstName;
    String lastName;
    String company;
    String title;
    String region;
    String source;
    String owner;
    String id;
    final Set<String> phones = new LinkedHashSet<>();
    final Set<String> emails = new LinkedHashSet<>();
    final Set<String> tags = new LinkedHashSet<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, String> attributes = new LinkedHashMap<>();

    boolean hasIdentifier() {
        return !phones.isEmpty() || !emails.isEmpty();
    }

    /** The name as given, or put together from first and last name (family name first for Chinese). */
    String fullName() {
        if (name != null) {
            return name;
        }
        if (firstName == null && lastName == null) {
            return null;
        }
        if (firstName == null || lastName == null) {
            return firstName != null ? firstName : lastName;
        }
        boolean han = (firstName + lastName).codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return han ? lastName + firstName : firstName + " " + lastName;
    }

    String notesText() {
        return notes.isEmpty() ? null : String.join("\n", notes);
    }

    void addTags(String value) {
        for (String t : TAG_SEPARATORS.split(value)) {
            if (!t.isBlank()) {
                tags.add(t.strip());
            }
        }
    }

    void addAttribute(String key, String value) {
        attributes.merge(key, value, (a, b) -> a + "; " + b);
    }
}

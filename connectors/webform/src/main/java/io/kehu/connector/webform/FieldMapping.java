package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.connector.webform.LabelRules.Meaning;
import io.kehu.connector.webform.MappingTarget.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an instance's mapping to a submission, then detects what the mapping left out.
 *
 * <p>A mapping key is, in this order: a top-level field name as sent (so form fields named
 * {@code user[email]} or {@code a.b} work), a {@link JsonPath} into the parsed body, or a label
 * of one of the preset's fields (a Typeform question title, a Jotform field name).
 *
 * <p>Auto-detection fills only the targets the mapping does not name, from the fields the mapping
 * did not use: first by what the vendor says (Typeform's email and phone_number answers, phone and
 * address widgets, name objects), then by label (姓名, 手机, E-mail, Company …), then by the shape of
 * values (an e-mail address, a mobile number, a Chinese name in a field without a label). It takes
 * one phone and one e-mail at most: a second phone in a form is usually someone else's (a
 * referrer's), and two identifiers of different people would merge their profiles.
 */
final class FieldMapping {

    private final Map<String, MappingTarget> mapping;
    private final Map<String, JsonPath> paths = new HashMap<>();
    private final Set<Kind> mapped = EnumSet.noneOf(Kind.class);

    FieldMapping(Map<String, MappingTarget> mapping) {
        this.mapping = Map.copyOf(mapping);
        mapping.forEach((field, target) -> {
            paths.put(field, JsonPath.parse(field));
            if (target.kind() != Kind.ATTRIBUTE && target.kind() != Kind.IGNORE) {
                mapped.add(target.kind());
            }
        });
    }

    /** The mapped values and the fields that no mapping or detection used (kept in the interaction's details). */
    record Result(FormValues values, List<FormField> unused) {
    }

    Result apply(JsonNode body, Submission submission) {
        FormValues v = new FormValues();
        Set<JsonNode> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, MappingTarget> m : mapping.entrySet()) {
            List<JsonNode> nodes = lookup(body, m.getKey(), submission.fields());
            used.addAll(nodes);
            for (JsonNode n : nodes) {
                assign(v, m.getValue(), n);
            }
        }
        List<FormField> open = new ArrayList<>();
        for (FormField f : submission.fields()) {
            if (!used.contains(f.node())) {
                open.add(f);
            }
        }
        detect(v, open);
        return new Result(v, open);
    }

    private List<JsonNode> lookup(JsonNode body, String key, List<FormField> fields) {
        if (body.isObject() && body.has(key)) {
            return List.of(body.get(key));
        }
        List<JsonNode> found = paths.get(key).select(body);
        if (!found.isEmpty()) {
            return found;
        }
        String wanted = LabelRules.normalize(key);
        List<JsonNode> byLabel = new ArrayList<>();
        for (FormField f : fields) {
            if (f.labels().stream().anyMatch(l -> LabelRules.normalize(l).equals(wanted))) {
                byLabel.add(f.node());
            }
        }
        return byLabel;
    }

    private void detect(FormValues v, List<FormField> open) {
        boolean phoneFound = mapped.contains(Kind.PHONE);
        boolean emailFound = mapped.contains(Kind.EMAIL);
        for (var it = open.iterator(); it.hasNext(); ) {
            FormField f = it.next();
            Meaning meaning = meaningOf(f);
            if (meaning == null) {
                continue;
            }
            boolean taken = switch (meaning) {
                case EMAIL -> !emailFound && (emailFound = assignDetected(v, Kind.EMAIL, f));
                case PHONE -> !phoneFound && (phoneFound = assignDetected(v, Kind.PHONE, f));
                case FIRST_NAME -> free(Kind.NAME) && v.firstName == null && (v.firstName = FormJson.text(f.node())) != null;
                case LAST_NAME -> free(Kind.NAME) && v.lastName == null && (v.lastName = FormJson.text(f.node())) != null;
                case NAME -> free(Kind.NAME) && v.name == null && assignDetected(v, Kind.NAME, f);
                case COMPANY -> free(Kind.COMPANY) && v.company == null && assignDetected(v, Kind.COMPANY, f);
                case TITLE -> free(Kind.TITLE) && v.title == null && assignDetected(v, Kind.TITLE, f);
                case REGION -> free(Kind.REGION) && v.region == null && assignDetected(v, Kind.REGION, f);
                case SOURCE -> free(Kind.SOURCE) && v.source == null && assignDetected(v, Kind.SOURCE, f);
                case OWNER -> free(Kind.OWNER) && v.owner == null && assignDetected(v, Kind.OWNER, f);
                case NOTES -> free(Kind.NOTES) && assignDetected(v, Kind.NOTES, f);
                case TAGS -> free(Kind.TAGS) && assignDetected(v, Kind.TAGS, f);
            };
            if (taken) {
                it.remove();
            }
        }
        // No label said so: look at the values themselves.
        if (!emailFound) {
            takeFirst(open, f -> f.values().stream().anyMatch(LabelRules::looksLikeEmail), v, Kind.EMAIL);
        }
        if (!phoneFound) {
            takeFirst(open, f -> f.values().stream().anyMatch(LabelRules::looksLikePhone), v, Kind.PHONE);
        }
        if (free(Kind.NAME) && v.fullName() == null) {
            takeFirst(open, f -> f.labels().isEmpty() && f.values().size() == 1 && LabelRules.looksLikeChineseName(f.values().get(0)),
                    v, Kind.NAME);
        }
    }

    private static Meaning meaningOf(FormField f) {
        if (f.hint() != null) {
            return switch (f.hint()) {
                case EMAIL -> Meaning.EMAIL;
                case PHONE -> Meaning.PHONE;
                case NAME -> Meaning.NAME;
                case REGION -> Meaning.REGION;
            };
        }
        return LabelRules.meaning(f.labels());
    }

    private boolean free(Kind kind) {
        return !mapped.contains(kind);
    }

    private static void takeFirst(List<FormField> open, java.util.function.Predicate<FormField> test, FormValues v, Kind kind) {
        for (var it = open.iterator(); it.hasNext(); ) {
            FormField f = it.next();
            if (test.test(f)) {
                if (assignDetected(v, kind, f)) {
                    it.remove();
                }
                return;
            }
        }
    }

    /** Assigns a detected field; only the values of the right shape when it is an identifier. */
    private static boolean assignDetected(FormValues v, Kind kind, FormField f) {
        if (kind == Kind.EMAIL || kind == Kind.PHONE) {
            boolean any = false;
            for (String value : f.values()) {
                if (kind == Kind.EMAIL ? value.contains("@") : value.chars().filter(Character::isDigit).count() >= 5) {
                    any |= (kind == Kind.EMAIL ? v.emails : v.phones).add(value);
                }
            }
            return any;
        }
        assign(v, MappingTarget.of(kind), f.node());
        return true;
    }

    /** Puts a mapped node's value into its target: all values for identifiers, tags and notes; the first for the rest. */
    static void assign(FormValues v, MappingTarget target, JsonNode node) {
        List<String> values = FormJson.texts(node);
        if (values.isEmpty()) {
            return;
        }
        String first = values.get(0);
        switch (target.kind()) {
            case NAME -> v.name = v.name != null ? v.name : first;
            case COMPANY -> v.company = v.company != null ? v.company : first;
            case TITLE -> v.title = v.title != null ? v.title : first;
            case SOURCE -> v.source = v.source != null ? v.source : first;
            case OWNER -> v.owner = v.owner != null ? v.owner : first;
            case ID -> v.id = v.id != null ? v.id : first;
            case REGION -> {
                String region = FormJson.regionText(node);
                v.region = v.region != null ? v.region : region != null ? region : first;
            }
            case PHONE -> v.phones.addAll(values);
            case EMAIL -> v.emails.addAll(values);
            case TAGS -> values.forEach(v::addTags);
            case NOTES -> v.notes.addAll(values);
            case ATTRIBUTE -> v.addAttribute(target.key(), String.join("; ", values));
            case IGNORE -> {
            }
            default -> throw new IllegalStateException("Unhandled target " + target.kind());
        }
    }
}

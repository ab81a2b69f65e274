package io.kehu.server.routing;

import io.kehu.server.lifecycle.ConfigProblem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one destination field is filled. Three forms:
 * <ul>
 *   <li>a bare path, {@code name} or {@code phones[0]}: the value keeps its type (numbers stay numbers,
 *       lists are joined, times become ISO-8601 text);</li>
 *   <li>a template, any text with {@code ${path}} or {@code ${path|default}} placeholders:
 *       {@code "${company|个人}"}, {@code "${name} (${title})"}; the result is text;</li>
 *   <li>a constant after {@code =}: {@code "=Kehu Hub"}.</li>
 * </ul>
 * Besides the profile paths, a mapping may name {@code owner} (the assigned owner's id), {@code owner.name},
 * {@code owner.remoteId} (the owner's user id in this destination), {@code rule} and {@code routedAt}.
 * A field whose value is missing is left out of the mapped fields, so an update never blanks it remotely.
 */
final class FieldTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}|]*)(?:\\|([^}]*))?}");
    private static final Pattern PATH = Pattern.compile("([A-Za-z][A-Za-z0-9_.\\-]*)(?:\\[(\\d+)])?");
    private static final Set<String> ROUTING_PATHS = Set.of("owner", "owner.id", "owner.name", "owner.remoteId",
            "rule", "routedAt");

    /** Literal text (placeholder null) or a placeholder with its optional default. */
    private record Part(String literal, String path, Integer index, String fallback) {
    }

    private final List<Part> parts;
    private final boolean bare;

    private FieldTemplate(List<Part> parts, boolean bare) {
        this.parts = parts;
        this.bare = bare;
    }

    /** Parses {@code text}; problems are added under {@code path} and the result then renders nothing. */
    static FieldTemplate parse(String text, String path, List<ConfigProblem> problems) {
        int before = problems.size();
        List<Part> parts = new ArrayList<>();
        boolean bare = false;
        if (text == null || text.isBlank()) {
            problems.add(new ConfigProblem(path, "needs a path, a template or an =constant"));
        } else if (text.startsWith("=")) {
            parts.add(new Part(text.substring(1), null, null, null));
        } else if (!text.contains("${")) {
            bare = true;
            parts.add(placeholder(text.trim(), null, path, problems));
        } else {
            Matcher m = PLACEHOLDER.matcher(text);
            int at = 0;
            while (m.find()) {
                literal(text.substring(at, m.start()), path, parts, problems);
                parts.add(placeholder(m.group(1).trim(), m.group(2), path, problems));
                at = m.end();
            }
            literal(text.substring(at), path, parts, problems);
        }
        return problems.size() > before ? new FieldTemplate(List.of(), false) : new FieldTemplate(parts, bare);
    }

    private static void literal(String text, String path, List<Part> parts, List<ConfigProblem> problems) {
        if (text.contains("${")) {
            problems.add(new ConfigProblem(path, "has an unclosed or empty ${…}"));
        } else if (!text.isEmpty()) {
            parts.add(new Part(text, null, null, null));
        }
    }

    private static Part placeholder(String ref, String fallback, String path, List<ConfigProblem> problems) {
        Matcher m = PATH.matcher(ref);
        if (!m.matches()) {
            problems.add(new ConfigProblem(path, "'" + ref + "' is not a profile path"));
            return new Part("", null, null, null);
        }
        String name = m.group(1);
        Integer index = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        boolean known = ROUTING_PATHS.contains(name) || ProfilePaths.kind(name).isPresent();
        if (!known) {
            problems.add(new ConfigProblem(path, "unknown profile path '" + name + "'"));
        } else if (index != null && ProfilePaths.kind(name).orElse(null) != ProfilePaths.Kind.LIST) {
            problems.add(new ConfigProblem(path, "'" + name + "' is not a list and takes no [index]"));
        }
        return new Part(null, name, index, fallback);
    }

    /** The field's value, or null when it has none. */
    Object render(RoutableProfile profile, Owner owner, String destination, String ruleId, Instant now, String join) {
        if (parts.isEmpty()) {
            return null;
        }
        if (bare) {
            return coerce(lookup(parts.get(0), profile, owner, destination, ruleId, now), join);
        }
        StringBuilder out = new StringBuilder();
        boolean placeholders = false;
        boolean anyValue = false;
        for (Part part : parts) {
            if (part.path() == null) {
                out.append(part.literal());
                continue;
            }
            placeholders = true;
            Object value = coerce(lookup(part, profile, owner, destination, ruleId, now), join);
            if (value != null) {
                anyValue = true;
                out.append(value);
            } else if (part.fallback() != null) {
                anyValue = true;
                out.append(part.fallback());
            }
        }
        // A template whose every placeholder is missing says nothing about the profile: leave the field out.
        if ((placeholders && !anyValue) || out.toString().isBlank()) {
            return null;
        }
        return out.toString();
    }

    private static Object lookup(Part part, RoutableProfile profile, Owner owner, String destination, String ruleId,
                                 Instant now) {
        Object value = switch (part.path()) {
            case "owner", "owner.id" -> owner == null ? null : owner.id();
            case "owner.name" -> owner == null ? null : owner.name();
            case "owner.remoteId" -> owner == null ? null : owner.remoteId(destination);
            case "rule" -> ruleId;
            case "routedAt" -> now;
            default -> ProfilePaths.value(profile, part.path());
        };
        if (part.index() != null && value instanceof List<?> list) {
            List<?> present = list.stream().filter(Objects::nonNull).filter(v -> !v.toString().isBlank()).toList();
            return part.index() < present.size() ? present.get(part.index()) : null;
        }
        return value;
    }

    private static Object coerce(Object value, String join) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s.trim();
        }
        if (value instanceof List<?> list) {
            List<String> items = list.stream().filter(Objects::nonNull).map(Object::toString)
                    .filter(v -> !v.isBlank()).map(String::trim).toList();
            return items.isEmpty() ? null : String.join(join, items);
        }
        if (value instanceof Instant at) {
            return at.toString();
        }
        return value;
    }
}

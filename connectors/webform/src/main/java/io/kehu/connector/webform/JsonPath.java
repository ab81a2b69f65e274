package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The small path language of field mappings: names separated by dots, each optionally followed by
 * selectors: {@code [2]} (an array index), {@code [*]} (every element), {@code [key=value]}
 * (every element whose {@code key}, itself a dotted path, has that text) or {@code [name]} (the
 * same as {@code .name}, so names with dots can be written {@code ['a.b']}). Examples:
 * {@code entry.field_1}, {@code form_response.answers[type=email].email},
 * {@code form_response.answers[field.ref=budget].number}, {@code rawRequest.q3_name}.
 */
final class JsonPath {

    private interface Step {
    }

    private record Name(String name) implements Step {
    }

    private record Index(int index) implements Step {
    }

    private record All() implements Step {
    }

    private record Match(JsonPath key, String value) implements Step {
    }

    private final String text;
    private final List<Step> steps;

    private JsonPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException saying what is wrong with the path */
    static JsonPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is an empty path");
        }
        String t = text.strip();
        List<Step> steps = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '.') {
                boolean afterSelector = i > 0 && t.charAt(i - 1) == ']';
                if (name.isEmpty() && !afterSelector || i + 1 >= t.length()) {
                    throw new IllegalArgumentException("has an empty name in '" + t + "'");
                }
                flush(name, steps);
                i++;
            } else if (c == '[') {
                flush(name, steps);
                int close = closing(t, i);
                if (close < 0) {
                    throw new IllegalArgumentException("has an unclosed '[' in '" + t + "'");
                }
                steps.add(selector(t.substring(i + 1, close).strip(), t));
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        flush(name, steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("is an empty path");
        }
        return new JsonPath(t, List.copyOf(steps));
    }

    private static int closing(String t, int open) {
        int depth = 0;
        for (int j = open; j < t.length(); j++) {
            if (t.charAt(j) == '[') {
                depth++;
            } else if (t.charAt(j) == ']' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    private static Step selector(String inner, String whole) {
        if (inner.equals("*")) {
            return new All();
        }
        int eq = inner.indexOf('=');
        if (eq > 0) {
            String value = inner.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            return new Match(parse(inner.substring(0, eq)), value);
        }
        if (inner.isEmpty()) {
            throw new IllegalArgumentException("has an empty selector '[]' in '" + whole + "'");
        }
        if (inner.chars().allMatch(Character::isDigit)) {
            return new Index(Integer.parseInt(inner));
        }
        // contact[phone] is contact.phone, as PHP-style form names and JSON bracket notation write it.
        String key = inner.length() >= 2 && (inner.startsWith("'") && inner.endsWith("'") || inner.startsWith("\"") && inner.endsWith("\""))
                ? inner.substring(1, inner.length() - 1) : inner;
        return new Name(key);
    }

    private static void flush(StringBuilder name, List<Step> steps) {
        if (!name.isEmpty()) {
            steps.add(new Name(name.toString().strip()));
            name.setLength(0);
        }
    }

    /** Every node the path reaches from {@code root}, in document order; empty when none. */
    List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Step step : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                apply(step, node, next);
            }
            if (next.isEmpty()) {
                return List.of();
            }
            current = next;
        }
        return current;
    }

    private static void apply(Step step, JsonNode node, List<JsonNode> out) {
        if (step instanceof Name n) {
            if (node.isObject() && node.has(n.name())) {
                out.add(node.get(n.name()));
            } else if (node.isArray()) {
                // A name after an array applies to each element: answers.email is answers[*].email.
                node.forEach(e -> {
                    if (e.isObject() && e.has(n.name())) {
                        out.add(e.get(n.name()));
                    }
                });
            }
        } else if (step instanceof Index ix) {
            if (node.isArray() && ix.index() >= 0 && ix.index() < node.size()) {
                out.add(node.get(ix.index()));
            }
        } else if (step instanceof All) {
            if (node.isArray() || node.isObject()) {
                node.forEach(out::add);
            }
        } else if (step instanceof Match m) {
            Iterable<JsonNode> candidates = node.isArray() ? node : List.of(node);
            for (JsonNode e : candidates) {
                for (JsonNode k : m.key().select(e)) {
                    if (k.isValueNode() && k.asText().equals(m.value())) {
                        out.add(e);
                        break;
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

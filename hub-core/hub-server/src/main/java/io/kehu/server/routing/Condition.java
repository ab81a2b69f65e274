package io.kehu.server.routing;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * A compiled {@code when} condition, tested against a {@link RoutableProfile}. Text comparisons ignore
 * case; a profile without a value (no score yet, no region) fails every test but {@code present: false}.
 * Built by {@link ConditionParser}.
 */
public sealed interface Condition {

    /** The empty condition: matches every profile. */
    Condition ALWAYS = new All(List.of());

    boolean test(RoutableProfile profile);

    record All(List<Condition> conditions) implements Condition {
        public boolean test(RoutableProfile p) {
            return conditions.stream().allMatch(c -> c.test(p));
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public boolean test(RoutableProfile p) {
            return conditions.stream().anyMatch(c -> c.test(p));
        }
    }

    record Not(Condition condition) implements Condition {
        public boolean test(RoutableProfile p) {
            return !condition.test(p);
        }
    }

    /** A test on a text or list field; a single text field is a list of at most one value. */
    record Text(String path, TextOp op, List<String> values) implements Condition {
        public boolean test(RoutableProfile p) {
            List<String> actual = texts(ProfilePaths.value(p, path));
            return switch (op) {
                case ANY -> actual.stream().anyMatch(a -> values.stream().anyMatch(a::equalsIgnoreCase));
                case ALL -> values.stream().allMatch(v -> actual.stream().anyMatch(v::equalsIgnoreCase));
                case NONE -> actual.stream().noneMatch(a -> values.stream().anyMatch(a::equalsIgnoreCase));
                case PREFIX -> actual.stream().anyMatch(a -> values.stream().anyMatch(v -> lower(a).startsWith(lower(v))));
                case CONTAINS -> actual.stream().anyMatch(a -> values.stream().anyMatch(v -> lower(a).contains(lower(v))));
            };
        }
    }

    record Number(String path, NumberOp op, double bound) implements Condition {
        public boolean test(RoutableProfile p) {
            if (!(ProfilePaths.value(p, path) instanceof java.lang.Number n)) {
                return false;
            }
            double v = n.doubleValue();
            return switch (op) {
                case GT -> v > bound;
                case GTE -> v >= bound;
                case LT -> v < bound;
                case LTE -> v <= bound;
                case EQ -> v == bound;
            };
        }
    }

    record Present(String path, boolean present) implements Condition {
        public boolean test(RoutableProfile p) {
            Object value = ProfilePaths.value(p, path);
            boolean has = value instanceof String || value instanceof Collection<?> ? !texts(value).isEmpty()
                    : value != null;
            return has == present;
        }
    }

    /** {@code in} and {@code any} mean the same: some value equals one of the listed ones. */
    enum TextOp { ANY, ALL, NONE, PREFIX, CONTAINS }

    enum NumberOp { GT, GTE, LT, LTE, EQ }

    private static List<String> texts(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? List.of() : List.of(s.trim());
        }
        if (value instanceof Collection<?> c) {
            return c.stream().filter(v -> v != null && !v.toString().isBlank()).map(v -> v.toString().trim()).toList();
        }
        return List.of();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

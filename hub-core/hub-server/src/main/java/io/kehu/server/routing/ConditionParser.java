package io.kehu.server.routing;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.routing.Condition.NumberOp;
import io.kehu.server.routing.Condition.TextOp;
import io.kehu.server.routing.ProfilePaths.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a rule's {@code when} (plain maps and lists as read from YAML) into a {@link Condition}, adding
 * a {@link ConfigProblem} with its field path for everything it cannot read. Keys of one map are all
 * required; {@code all}, {@code any} and {@code not} combine. Stage and tier ids are checked against the
 * lifecycle ids given (null skips that check).
 */
final class ConditionParser {

    private static final Map<String, TextOp> TEXT_OPS = Map.of("in", TextOp.ANY, "any", TextOp.ANY,
            "all", TextOp.ALL, "none", TextOp.NONE, "prefix", TextOp.PREFIX, "contains", TextOp.CONTAINS);
    private static final Map<String, NumberOp> NUMBER_OPS = Map.of("gt", NumberOp.GT, "gte", NumberOp.GTE,
            "lt", NumberOp.LT, "lte", NumberOp.LTE, "eq", NumberOp.EQ);
    private static final String PRESENT = "present";

    private final Set<String> stages;
    private final Set<String> tiers;
    private final List<ConfigProblem> problems;

    ConditionParser(Set<String> stages, Set<String> tiers, List<ConfigProblem> problems) {
        this.stages = stages;
        this.tiers = tiers;
        this.problems = problems;
    }

    Condition parse(Map<String, Object> when, String path) {
        return when == null || when.isEmpty() ? Condition.ALWAYS : map(when, path);
    }

    private Condition map(Object node, String path) {
        if (!(node instanceof Map<?, ?> map) || map.isEmpty()) {
            problem(path, "must be a non-empty map of conditions");
            return Condition.ALWAYS;
        }
        List<Condition> parts = new ArrayList<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            String p = path + "." + key;
            switch (key) {
                case "all" -> parts.add(new Condition.All(list(v, p)));
                case "any" -> parts.add(new Condition.Any(list(v, p)));
                case "not" -> parts.add(new Condition.Not(map(v, p)));
                default -> parts.addAll(field(key, v, p));
            }
        });
        return parts.size() == 1 ? parts.get(0) : new Condition.All(parts);
    }

    private List<Condition> list(Object node, String path) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            problem(path, "must be a non-empty list of conditions");
            return List.of();
        }
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(map(list.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private List<Condition> field(String field, Object operand, String path) {
        Kind kind = ProfilePaths.kind(field).orElse(null);
        if (kind == null) {
            problem(path, "unknown field '" + field + "'");
            return List.of();
        }
        if (!(operand instanceof Map<?, ?> ops)) {
            if (kind == Kind.TEXT || kind == Kind.LIST) {
                return List.of(new Condition.Text(field, TextOp.ANY, texts(field, operand, path, true)));
            }
            problem(path, "needs an operator map such as {gte: 70} or {present: true}");
            return List.of();
        }
        if (ops.isEmpty()) {
            problem(path, "needs at least one operator");
        }
        List<Condition> out = new ArrayList<>();
        ops.forEach((k, v) -> {
            String op = String.valueOf(k);
            String p = path + "." + op;
            if (PRESENT.equals(op)) {
                if (v instanceof Boolean b) {
                    out.add(new Condition.Present(field, b));
                } else {
                    problem(p, "must be true or false");
                }
            } else if (kind == Kind.NUMBER && NUMBER_OPS.containsKey(op)) {
                if (v instanceof Number n) {
                    out.add(new Condition.Number(field, NUMBER_OPS.get(op), n.doubleValue()));
                } else {
                    problem(p, "must be a number");
                }
            } else if ((kind == Kind.TEXT || kind == Kind.LIST) && TEXT_OPS.containsKey(op)) {
                TextOp textOp = TEXT_OPS.get(op);
                boolean ids = textOp != TextOp.PREFIX && textOp != TextOp.CONTAINS;
                out.add(new Condition.Text(field, textOp, texts(field, v, p, ids)));
            } else {
                problem(p, "unknown operator '" + op + "' for " + field + " (" + operators(kind) + ")");
            }
        });
        return out;
    }

    /** A scalar or a list of scalars; stage and tier values compared whole must be known ids. */
    private List<String> texts(String field, Object operand, String path, boolean ids) {
        List<?> raw = operand instanceof List<?> l ? l : operand == null ? List.of() : List.of(operand);
        if (raw.isEmpty()) {
            problem(path, "needs at least one value");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Object v = raw.get(i);
            String p = operand instanceof List<?> ? path + "[" + i + "]" : path;
            if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
                problem(p, "must be a text or a number");
                continue;
            }
            String text = v.toString();
            Set<String> known = !ids ? null : "stage".equals(field) ? stages : "tier".equals(field) ? tiers : null;
            if (known != null && known.stream().noneMatch(text::equalsIgnoreCase)) {
                problem(p, "unknown " + field + " id '" + text + "'");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    private static String operators(Kind kind) {
        return switch (kind) {
            case NUMBER -> "gt, gte, lt, lte, eq, present";
            case TEXT, LIST -> "in, any, all, none, prefix, contains, present";
            case DATE -> "present";
        };
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }
}

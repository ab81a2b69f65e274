package io.kehu.server.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The routing rule set as read from {@code config/routing.yml}: the owners, the rules and the default
 * assignee. {@code version} is bumped whenever the rules change, so a routing decision can say which
 * rules made it. {@code match} is {@code first} (the first matching rule routes a profile) or {@code all}
 * (every matching rule does); it stays a string so the validator can name a bad value by its path.
 */
public record RoutingConfig(int version, String match, List<Owner> owners, List<RoutingRule> rules,
                            String defaultAssignee) {

    public RoutingConfig {
        match = match == null ? MatchMode.FIRST.key() : match;
        owners = owners == null ? List.of() : List.copyOf(owners);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** Unknown values count as {@code first}; the validator refuses them before the engine sees them. */
    public MatchMode matchMode() {
        return MatchMode.parse(match).orElse(MatchMode.FIRST);
    }

    /**
     * The owner with this id or, failing that, the only owner with this name: a source often knows its
     * salesperson by name ({@code 王芳}) rather than by the hub's owner id.
     */
    public Optional<Owner> owner(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<Owner> byId = owners.stream().filter(o -> idOrName.equals(o.id())).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        List<Owner> byName = owners.stream().filter(o -> idOrName.equals(o.name())).toList();
        return byName.size() == 1 ? Optional.of(byName.get(0)) : Optional.empty();
    }

    public Optional<RoutingRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public enum MatchMode {
        FIRST, ALL;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<MatchMode> parse(String value) {
            for (MatchMode m : values()) {
                if (m.key().equals(value)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }
}

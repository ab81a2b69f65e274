package io.kehu.server.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One routing rule: when {@code when} matches a profile, the profile goes to every destination with its
 * field mapping, and {@code assignment} picks its owner. An empty {@code when} matches every profile.
 * {@code when} is kept as read (plain maps and lists) and compiled by {@link ConditionParser}, so the
 * validator can report a bad operator with its field path.
 */
public record RoutingRule(String id, String description, Boolean enabled, Map<String, Object> when,
                          List<DestinationMapping> destinations, AssignmentSpec assignment) {

    public RoutingRule {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        when = when == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(when));
        destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }

    public boolean isEnabled() {
        return enabled;
    }
}

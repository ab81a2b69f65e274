package io.kehu.server.routing;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The assignment strategies' memory, immutable and handed in and out of every routing call so the caller
 * decides where it lives (in memory for a dry run, durably for real routing).
 *
 * @param cursors the owner each rotation assigned last, by rotation key (the rule id, or the rule id and
 *                the candidate set for territories); a rotation resumes after that owner
 * @param weights smooth weighted round robin's current weight per owner, by rule id
 */
public record AssignmentState(Map<String, String> cursors, Map<String, Map<String, Double>> weights) {

    public static final AssignmentState EMPTY = new AssignmentState(Map.of(), Map.of());

    public AssignmentState {
        cursors = cursors == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(cursors));
        Map<String, Map<String, Double>> copy = new TreeMap<>();
        if (weights != null) {
            weights.forEach((rule, w) -> copy.put(rule, Collections.unmodifiableMap(new TreeMap<>(w))));
        }
        weights = Collections.unmodifiableMap(copy);
    }

    public String cursor(String key) {
        return cursors.get(key);
    }

    public Map<String, Double> weights(String ruleId) {
        return weights.getOrDefault(ruleId, Map.of());
    }

    public AssignmentState withCursor(String key, String ownerId) {
        Map<String, String> next = new HashMap<>(cursors);
        next.put(key, ownerId);
        return new AssignmentState(next, weights);
    }

    public AssignmentState withWeights(String ruleId, Map<String, Double> current) {
        Map<String, Map<String, Double>> next = new HashMap<>(weights);
        next.put(ruleId, current);
        return new AssignmentState(cursors, next);
    }
}

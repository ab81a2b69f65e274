package io.kehu.server.routing;

import java.util.List;

/**
 * What routing one profile decided, and the assignment state to persist for the next call.
 *
 * @param owner     the owner decision of the first matching rule (every later rule shares it, since a
 *                  profile has one owner); null when no rule matched
 * @param decisions one per destination of every matching rule; empty when none matched
 */
public record RoutingResult(int rulesVersion, OwnerDecision owner, List<RouteDecision> decisions,
                            AssignmentState state) {

    public RoutingResult {
        decisions = List.copyOf(decisions);
    }

    public boolean routed() {
        return !decisions.isEmpty();
    }
}

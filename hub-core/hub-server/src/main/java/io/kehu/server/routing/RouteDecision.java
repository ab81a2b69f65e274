package io.kehu.server.routing;

import java.util.List;
import java.util.Map;

/**
 * One destination a profile goes to.
 *
 * @param mappedFields    destination field to value, in the order of the rule's mapping; missing values are
 *                        left out
 * @param remoteOwnerId   the owner's user id in this destination, null when unknown (or still pooled)
 * @param missingRequired the destination's required fields that have no value: the caller should hold the
 *                        delivery back rather than have the CRM refuse it
 */
public record RouteDecision(String ruleId, String destinationInstanceId, Map<String, Object> mappedFields,
                            OwnerDecision ownerDecision, String remoteOwnerId, List<String> missingRequired) {

    public RouteDecision {
        missingRequired = List.copyOf(missingRequired);
    }

    public boolean complete() {
        return missingRequired.isEmpty();
    }
}

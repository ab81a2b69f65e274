package io.kehu.server.routing;

import java.util.List;
import java.util.Map;

/**
 * A salesperson leads can be assigned to.
 *
 * @param remoteIds  the owner's user id in each destination instance, by instance id (a Salesforce user id
 *                   for {@code crm-salesforce}); a destination without one gets no owner from the hub
 * @param regions    territories: a profile whose region starts with one of them matches
 * @param tags       profile tags this owner covers
 * @param industries keywords matched against the profile's {@code industry} attribute
 * @param weight     share of the weighted strategy, multiplied by the owner's conversion rate; default 1
 * @param active     inactive owners get no new leads and lose theirs at the next routing; default true
 */
public record Owner(String id, String name, Map<String, String> remoteIds, List<String> regions, List<String> tags,
                    List<String> industries, Double weight, Boolean active) {

    public Owner {
        remoteIds = remoteIds == null ? Map.of() : Map.copyOf(remoteIds);
        regions = regions == null ? List.of() : List.copyOf(regions);
        tags = tags == null ? List.of() : List.copyOf(tags);
        industries = industries == null ? List.of() : List.copyOf(industries);
        weight = weight == null ? 1.0 : weight;
        active = active == null ? Boolean.TRUE : active;
    }

    public boolean isActive() {
        return active;
    }

    /** The owner's user id in {@code instanceId}, or null when none is configured. */
    public String remoteId(String instanceId) {
        return remoteIds.get(instanceId);
    }
}

package io.kehu.server.routing;

import java.util.List;
import java.util.Map;

/**
 * Where a candidate rule set would send a population of profiles: counts only, plus a few samples per
 * destination, so its size does not grow with the population.
 *
 * @param incomplete     profiles with at least one decision missing a required field
 * @param byRule         profiles per rule id (a profile counts once per rule that routed it)
 * @param byDestination  per destination instance id
 * @param byOwner        profiles per owner id they would get; pooled ones are counted under {@code byAssignment}
 * @param byAssignment   profiles per {@link OwnerDecision.Kind} name (KEPT, ASSIGNED, POOL, FALLBACK, DEFAULT)
 * @param unknownDestinations destination instances the rules name that this hub does not have: a real run
 *                       holds their decisions back (counted in {@code byDestination} all the same)
 * @param conversionRates the owners' conversion rates the weighted strategy used; empty when no rule weighs
 */
public record DryRunReport(int rulesVersion, long profiles, long routed, long unrouted, long incomplete,
                           Map<String, Long> byRule, Map<String, DestinationReport> byDestination,
                           Map<String, Long> byOwner, Map<String, Long> byAssignment,
                           List<String> unknownDestinations, Map<String, Double> conversionRates) {

    public DryRunReport {
        unknownDestinations = unknownDestinations == null ? List.of() : List.copyOf(unknownDestinations);
        conversionRates = conversionRates == null ? Map.of() : Map.copyOf(conversionRates);
    }

    /** The same report, with what only the hub knows: its destination instances and the rates used. */
    public DryRunReport with(List<String> unknown, Map<String, Double> rates) {
        return new DryRunReport(rulesVersion, profiles, routed, unrouted, incomplete, byRule, byDestination, byOwner,
                byAssignment, unknown, rates);
    }

    /** @param missingRequired decisions to this destination that lack a required field */
    public record DestinationReport(long routed, long missingRequired, List<Sample> samples) {
    }

    /** One routed profile as the destination would receive it. */
    public record Sample(String profileId, String ruleId, String ownerId, Map<String, Object> fields,
                         List<String> missingRequired) {
    }
}

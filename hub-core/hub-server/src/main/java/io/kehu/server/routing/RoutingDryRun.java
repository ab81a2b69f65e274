package io.kehu.server.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a candidate rule set over profiles without changing anything: which rule, destination and owner
 * each profile would get. The assignment state is threaded through the run (so round robin spreads as it
 * would) and then dropped; nothing is offered to the claim pool. Memory stays bounded: counts keyed by
 * rules, destinations and owners, and at most {@code samplesPerDestination} samples each.
 */
public final class RoutingDryRun {

    public static final int DEFAULT_SAMPLES = 5;

    private final int samplesPerDestination;

    public RoutingDryRun(int samplesPerDestination) {
        if (samplesPerDestination < 0) {
            throw new IllegalArgumentException("samplesPerDestination must not be negative");
        }
        this.samplesPerDestination = samplesPerDestination;
    }

    public RoutingDryRun() {
        this(DEFAULT_SAMPLES);
    }

    /**
     * {@code start} is usually the assignment state in force, so the run continues its rotations. Validate
     * {@code candidate} against the lifecycle first ({@link RoutingConfigLoader#validate}): a config the
     * engine cannot run is refused with a {@link io.kehu.api.HubException}.
     */
    public DryRunReport run(RoutingConfig candidate, Iterator<RoutableProfile> profiles, AssignmentState start,
                            Map<String, Double> conversionRates, Instant now) {
        RoutingEngine engine = new RoutingEngine(candidate);
        AssignmentState state = start == null ? AssignmentState.EMPTY : start;
        long total = 0;
        long routed = 0;
        long incomplete = 0;
        Map<String, Long> byRule = new TreeMap<>();
        Map<String, Long> byOwner = new TreeMap<>();
        Map<String, Long> byAssignment = new TreeMap<>();
        Map<String, long[]> destinationCounts = new TreeMap<>();
        Map<String, List<DryRunReport.Sample>> samples = new TreeMap<>();
        while (profiles.hasNext()) {
            RoutableProfile profile = profiles.next();
            RoutingResult result = engine.route(profile, state, conversionRates, now);
            state = result.state();
            total++;
            if (!result.routed()) {
                continue;
            }
            routed++;
            OwnerDecision owner = result.owner();
            byAssignment.merge(owner.kind().name(), 1L, Long::sum);
            if (owner.settled()) {
                byOwner.merge(owner.ownerId(), 1L, Long::sum);
            }
            result.decisions().stream().map(RouteDecision::ruleId).distinct()
                    .forEach(rule -> byRule.merge(rule, 1L, Long::sum));
            boolean missing = false;
            for (RouteDecision d : result.decisions()) {
                long[] counts = destinationCounts.computeIfAbsent(d.destinationInstanceId(), k -> new long[2]);
                counts[0]++;
                if (!d.complete()) {
                    counts[1]++;
                    missing = true;
                }
                List<DryRunReport.Sample> list = samples.computeIfAbsent(d.destinationInstanceId(), k -> new ArrayList<>());
                if (list.size() < samplesPerDestination) {
                    list.add(new DryRunReport.Sample(profile.id(), d.ruleId(), owner.ownerId(), d.mappedFields(),
                            d.missingRequired()));
                }
            }
            if (missing) {
                incomplete++;
            }
        }
        Map<String, DryRunReport.DestinationReport> byDestination = new LinkedHashMap<>();
        destinationCounts.forEach((id, c) -> byDestination.put(id,
                new DryRunReport.DestinationReport(c[0], c[1], List.copyOf(samples.get(id)))));
        return new DryRunReport(candidate.version(), total, routed, total - routed, incomplete,
                Collections.unmodifiableMap(byRule), Collections.unmodifiableMap(byDestination),
                Collections.unmodifiableMap(byOwner), Collections.unmodifiableMap(byAssignment), List.of(), conversionRates);
    }
}

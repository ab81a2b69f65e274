package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares leads in proportion to weight × recent conversion rate, by smooth weighted round robin: no
 * randomness, so the same state and rates always give the same owner, and over a cycle every owner gets
 * exactly their share. An owner's rate counts at least {@code minRate}; an owner with no rate yet (a new
 * salesperson) counts with the candidates' average, or 1 when nobody has one.
 */
final class WeightedStrategy implements AssignmentStrategy {

    @Override
    public Pick assign(Request r) {
        List<Owner> active = r.candidates().stream().filter(Owner::isActive).toList();
        if (active.isEmpty()) {
            return Pick.none("no active candidate", r.state());
        }
        double average = active.stream().map(o -> r.conversionRates().get(o.id())).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).average().orElse(1.0);
        double minRate = r.params().minRateOrDefault();
        Map<String, Double> previous = r.state().weights(r.rule().id());
        Map<String, Double> current = new HashMap<>();
        double total = 0;
        Owner best = null;
        for (Owner o : active) {
            double rate = r.conversionRates().getOrDefault(o.id(), average);
            double effective = o.weight() * Math.max(rate, minRate);
            double w = previous.getOrDefault(o.id(), 0.0) + effective;
            current.put(o.id(), w);
            total += effective;
            if (best == null || w > current.get(best.id())) {
                best = o;
            }
        }
        current.put(best.id(), current.get(best.id()) - total);
        return Pick.chosen(OwnerDecision.of(Kind.ASSIGNED, best.id(), r.strategy(), "weighted by conversion rate"),
                r.state().withWeights(r.rule().id(), current));
    }
}

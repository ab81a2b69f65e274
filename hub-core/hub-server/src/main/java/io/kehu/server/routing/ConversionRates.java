package io.kehu.server.routing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each owner's recent conversion rate, smoothed toward the team's: {@code (converted + k × team) / (leads + k)}
 * with {@code k} pseudo-leads at the team rate. A new owner (no leads yet) gets the team rate instead of
 * zero, so the weighted strategy does not starve them, and one lucky lead out of one does not make an
 * owner look perfect. Pure maths; {@link OwnerConversionRates} supplies the counts.
 */
public final class ConversionRates {

    /** One owner's leads in the window and how many of them converted. */
    public record Counts(long leads, long converted) {

        public Counts {
            if (leads < 0 || converted < 0 || converted > leads) {
                throw new IllegalArgumentException("need 0 <= converted <= leads, got " + converted + "/" + leads);
            }
        }
    }

    private ConversionRates() {
    }

    /**
     * @param counts      per owner id; owners without leads may be absent
     * @param owners      every owner to rate: each gets a rate, counted or not
     * @param priorLeads  {@code k}, how many leads' worth of evidence the team rate counts as
     * @return owner id to rate (0–1); empty when nobody has a lead in the window, since there is nothing to
     *         weigh by and the strategy then treats every owner alike
     */
    public static Map<String, Double> smooth(Map<String, Counts> counts, Collection<String> owners, double priorLeads) {
        if (priorLeads < 0) {
            throw new IllegalArgumentException("priorLeads must not be negative");
        }
        long leads = counts.values().stream().mapToLong(Counts::leads).sum();
        long converted = counts.values().stream().mapToLong(Counts::converted).sum();
        if (leads == 0) {
            return Map.of();
        }
        double team = (double) converted / leads;
        Map<String, Double> out = new LinkedHashMap<>();
        for (String owner : owners) {
            Counts c = counts.getOrDefault(owner, new Counts(0, 0));
            double denominator = c.leads() + priorLeads;
            out.put(owner, denominator == 0 ? team : (c.converted() + priorLeads * team) / denominator);
        }
        return out;
    }
}

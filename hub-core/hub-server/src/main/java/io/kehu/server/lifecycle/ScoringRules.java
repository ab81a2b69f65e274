package io.kehu.server.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Scoring rules: fit rules grouped with caps, engagement weights per interaction type (grouped with
 * caps) and per channel, the decay half-life, tier thresholds and how fit and engagement combine.
 */
public record ScoringRules(Fit fit, Engagement engagement, List<Tier> tiers, Combined combined) {

    public ScoringRules {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
    }

    public record Fit(List<FitGroup> groups) {
        public Fit {
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    public record FitGroup(String id, int cap, List<FitRule> rules) {
        public FitGroup {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * One fit rule. {@code fields} are profile fields ({@code name company title region phone email}) or
     * {@code attributes.<key>}. {@code present}: all fields have a value; {@code containsAny}: some field
     * contains one of {@code values}; {@code in}: some field equals one of {@code values} (ignoring case).
     */
    public record FitRule(String id, int points, List<String> fields, Check check, List<String> values) {
        public FitRule {
            fields = fields == null ? List.of() : List.copyOf(fields);
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public enum Check {
        @JsonProperty("present") PRESENT,
        @JsonProperty("containsAny") CONTAINS_ANY,
        @JsonProperty("in") IN
    }

    /**
     * Engagement: each interaction earns its type's weight × its channel's multiplier, halved every
     * {@code halfLifeDays}. Types in no group earn nothing.
     */
    public record Engagement(double halfLifeDays, Map<String, Double> channelMultipliers,
                             double defaultChannelMultiplier, List<EngagementGroup> groups) {
        public Engagement {
            channelMultipliers = channelMultipliers == null ? Map.of() : Map.copyOf(channelMultipliers);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    public record EngagementGroup(String id, int cap, Map<String, Double> weights) {
        public EngagementGroup {
            weights = weights == null ? Map.of() : Map.copyOf(weights);
        }
    }

    /** A tier is reached when the combined score is at least {@code min}; tiers are listed best first. */
    public record Tier(String id, int min) {
    }

    public record Combined(double fit, double engagement) {
    }
}

package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.ScoringRules.EngagementGroup;
import io.kehu.server.lifecycle.ScoringRules.FitGroup;
import io.kehu.server.lifecycle.ScoringRules.FitRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The list-based scorer as it was before summaries: a test oracle the summary-based {@link Scorer} must
 * agree with.
 */
final class TimelineScoreOracle {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final ScoringRules rules;
    private final int rulesVersion;

    TimelineScoreOracle(LifecycleConfig config) {
        this(config.scoring(), config.version());
    }

    TimelineScoreOracle(ScoringRules rules, int rulesVersion) {
        this.rules = rules;
        this.rulesVersion = rulesVersion;
    }

    /** Interactions after {@code now} or without a time are ignored. */
    public Score score(Profile profile, List<InteractionDoc> interactions, Instant now) {
        List<ScoreReason> reasons = new ArrayList<>();
        int fit = clamp(fitScore(profile, reasons));
        int engagement = clamp(engagementScore(interactions, now, reasons));
        int combined = clamp(rules.combined().fit() * fit + rules.combined().engagement() * engagement);
        return new Score(fit, engagement, combined, tier(combined), rulesVersion, reasons);
    }

    public String tier(int combined) {
        List<ScoringRules.Tier> tiers = rules.tiers();
        return tiers.stream().filter(t -> combined >= t.min()).findFirst()
                .orElse(tiers.get(tiers.size() - 1)).id();
    }

    private double fitScore(Profile profile, List<ScoreReason> reasons) {
        double total = 0;
        for (FitGroup group : rules.fit().groups()) {
            String groupName = "fit." + group.id();
            double sum = 0;
            for (FitRule rule : group.rules()) {
                if (ProfileFields.matches(profile, rule)) {
                    sum += rule.points();
                    reasons.add(new ScoreReason(groupName, rule.id(), rule.points(), describe(rule)));
                }
            }
            total += capped(groupName, group.cap(), sum, reasons);
        }
        return total;
    }

    private double engagementScore(List<InteractionDoc> interactions, Instant now, List<ScoreReason> reasons) {
        ScoringRules.Engagement e = rules.engagement();
        double total = 0;
        for (EngagementGroup group : e.groups()) {
            String groupName = "engagement." + group.id();
            // One reason per type@channel keeps the explanation short for long timelines.
            Map<String, double[]> byRule = new LinkedHashMap<>();
            for (InteractionDoc doc : interactions) {
                if (doc.occurredAt() == null || doc.occurredAt().isAfter(now) || doc.type() == null) {
                    continue;
                }
                Double weight = weight(group, doc.type());
                if (weight == null) {
                    continue;
                }
                double multiplier = channelMultiplier(doc.channel());
                double points = weight * multiplier * decay(doc.occurredAt(), now, e.halfLifeDays());
                double[] acc = byRule.computeIfAbsent(doc.type().toLowerCase(Locale.ROOT) + "@"
                        + (doc.channel() == null ? "-" : doc.channel().toLowerCase(Locale.ROOT)),
                        k -> new double[] {0, 0, weight, multiplier});
                acc[0] += points;
                acc[1]++;
            }
            double sum = 0;
            for (Map.Entry<String, double[]> entry : byRule.entrySet()) {
                double[] acc = entry.getValue();
                sum += acc[0];
                reasons.add(new ScoreReason(groupName, entry.getKey(), acc[0], String.format(Locale.ROOT,
                        "%d interaction(s), weight %s × channel %s, halved every %s days",
                        (int) acc[1], num(acc[2]), num(acc[3]), num(e.halfLifeDays()))));
            }
            total += capped(groupName, group.cap(), sum, reasons);
        }
        return total;
    }

    /** weight × 0.5^(age / halfLife), age in days; an interaction at {@code now} counts fully. */
    static double decay(Instant occurredAt, Instant now, double halfLifeDays) {
        double ageDays = Math.max(0, Duration.between(occurredAt, now).toMillis() / 1000.0) / SECONDS_PER_DAY;
        return Math.pow(0.5, ageDays / halfLifeDays);
    }

    private static Double weight(EngagementGroup group, String type) {
        for (Map.Entry<String, Double> w : group.weights().entrySet()) {
            if (w.getKey().equalsIgnoreCase(type)) {
                return w.getValue();
            }
        }
        return null;
    }

    private double channelMultiplier(String channel) {
        if (channel != null) {
            for (Map.Entry<String, Double> m : rules.engagement().channelMultipliers().entrySet()) {
                if (m.getKey().equalsIgnoreCase(channel)) {
                    return m.getValue();
                }
            }
        }
        return rules.engagement().defaultChannelMultiplier();
    }

    private static double capped(String group, int cap, double sum, List<ScoreReason> reasons) {
        if (sum <= cap) {
            return sum;
        }
        reasons.add(new ScoreReason(group, "cap", cap - sum, String.format(Locale.ROOT,
                "group total %s cut to its cap %d", num(sum), cap)));
        return cap;
    }

    private static String describe(FitRule rule) {
        return switch (rule.check()) {
            case PRESENT -> String.join(" and ", rule.fields()) + " present";
            case CONTAINS_ANY -> String.join("/", rule.fields()) + " contains one of " + rule.values();
            case IN -> String.join("/", rule.fields()) + " is one of " + rule.values();
        };
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    private static int clamp(double score) {
        return (int) Math.max(0, Math.min(100, Math.round(score)));
    }
}

package io.kehu.server.lifecycle;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.ScoringRules.EngagementGroup;
import io.kehu.server.lifecycle.ScoringRules.FitGroup;
import io.kehu.server.lifecycle.ScoringRules.FitRule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes fit and engagement scores from a profile and its {@link SignalSummary} (or its timeline, summarised
 * first), explaining every point.
 */
public final class Scorer {

    private static final double SECONDS_PER_DAY = 86_400.0;

    private final ScoringRules rules;
    private final int rulesVersion;
    private final SignalFolder timelineFolder;

    public Scorer(LifecycleConfig config) {
        this(config.scoring(), config.version());
    }

    public Scorer(ScoringRules rules, int rulesVersion) {
        this.rules = rules;
        this.rulesVersion = rulesVersion;
        // Scoring needs only the engagement sums, which no signal matcher affects.
        this.timelineFolder = new SignalFolder(new LifecycleModel.Signals(null, null, null, null, null, null, null),
                rules.engagement().halfLifeDays());
    }

    /** Interactions after {@code now} or without a time are ignored. */
    public Score score(Profile profile, List<InteractionDoc> interactions, Instant now) {
        return score(profile, timelineFolder.fromTimeline(interactions, now), now);
    }

    /** Scores from a stored summary; the same result as scoring the timeline it summarises. */
    public Score score(Profile profile, SignalSummary signals, Instant now) {
        List<ScoreReason> reasons = new ArrayList<>();
        int fit = clamp(fitScore(profile, reasons));
        int engagement = clamp(engagementScore(signals, now, reasons));
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

    private double engagementScore(SignalSummary signals, Instant now, List<ScoreReason> reasons) {
        ScoringRules.Engagement e = rules.engagement();
        // The summary's sums refer to its own time; one factor brings them all to now.
        double toNow = signals.ref() == null ? 0 : timelineFolder.decay(signals.ref(), now);
        double total = 0;
        for (EngagementGroup group : e.groups()) {
            String groupName = "engagement." + group.id();
            double sum = 0;
            // One reason per type@channel keeps the explanation short for long timelines.
            for (Map.Entry<String, SignalSummary.EngagementStat> entry : signals.engagement().entrySet()) {
                String key = entry.getKey();
                int at = key.lastIndexOf('@');
                Double weight = weight(group, key.substring(0, at));
                if (weight == null) {
                    continue;
                }
                double multiplier = channelMultiplier(key.substring(at + 1));
                SignalSummary.EngagementStat stat = entry.getValue();
                double points = weight * multiplier * stat.decayed() * toNow;
                sum += points;
                reasons.add(new ScoreReason(groupName, key, points, String.format(Locale.ROOT,
                        "%d interaction(s), weight %s × channel %s, halved every %s days",
                        stat.count(), num(weight), num(multiplier), num(e.halfLifeDays()))));
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

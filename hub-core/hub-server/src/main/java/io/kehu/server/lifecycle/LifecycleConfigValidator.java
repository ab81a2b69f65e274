package io.kehu.server.lifecycle;

import io.kehu.server.lifecycle.LifecycleModel.Matcher;
import io.kehu.server.lifecycle.LifecycleModel.Stage;
import io.kehu.server.lifecycle.ScoringRules.EngagementGroup;
import io.kehu.server.lifecycle.ScoringRules.FitGroup;
import io.kehu.server.lifecycle.ScoringRules.FitRule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects every problem of a {@link LifecycleConfig} instead of stopping at the first. */
final class LifecycleConfigValidator {

    static final Set<String> PROFILE_FIELDS = Set.of("name", "company", "title", "region", "phone", "email");

    private final List<ConfigProblem> problems = new ArrayList<>();

    List<ConfigProblem> validate(LifecycleConfig config) {
        if (config.version() < 1) {
            problem("version", "must be 1 or more");
        }
        if (config.lifecycle() == null) {
            problem("lifecycle", "is required");
        } else {
            model(config.lifecycle());
        }
        if (config.scoring() == null) {
            problem("scoring", "is required");
        } else {
            scoring(config.scoring());
        }
        return List.copyOf(problems);
    }

    private void model(LifecycleModel model) {
        Set<String> ids = new HashSet<>();
        if (model.stages().isEmpty()) {
            problem("lifecycle.stages", "at least one stage is required");
        }
        for (int i = 0; i < model.stages().size(); i++) {
            Stage s = model.stages().get(i);
            String path = "lifecycle.stages[" + i + "]";
            if (blank(s.id())) {
                problem(path + ".id", "is required");
            } else if (!ids.add(s.id())) {
                problem(path + ".id", "duplicate stage id '" + s.id() + "'");
            }
            if (blank(s.nameZh())) {
                problem(path + ".nameZh", "is required");
            }
            if (blank(s.nameEn())) {
                problem(path + ".nameEn", "is required");
            }
            if (s.kind() == null) {
                problem(path + ".kind", "is required (funnel or risk)");
            }
        }
        LifecycleModel.Transitions t = model.transitions();
        if (t == null) {
            problem("lifecycle.transitions", "is required");
        } else {
            stageRef(ids, "initial", t.initial());
            stageRef(ids, "engaged", t.engaged());
            stageRef(ids, "opportunity", t.opportunity());
            stageRef(ids, "customer", t.customer());
            stageRef(ids, "loyal", t.loyal());
            stageRef(ids, "atRisk", t.atRisk());
            stageRef(ids, "churned", t.churned());
            stageRef(ids, "wonBack", t.wonBack());
        }
        LifecycleModel.Thresholds th = model.thresholds();
        if (th == null) {
            problem("lifecycle.thresholds", "is required");
        } else {
            atLeast("lifecycle.thresholds.engagedAfterTouches", th.engagedAfterTouches(), 1);
            atLeast("lifecycle.thresholds.atRiskAfterDays", th.atRiskAfterDays(), 1);
            atLeast("lifecycle.thresholds.churnedAfterDaysAtRisk", th.churnedAfterDaysAtRisk(), 1);
            atLeast("lifecycle.thresholds.loyalAfterPurchases", th.loyalAfterPurchases(), 1);
        }
        LifecycleModel.Signals sig = model.signals();
        if (sig == null) {
            problem("lifecycle.signals", "is required");
        } else {
            matchers("reply", sig.reply());
            matchers("quote", sig.quote());
            matchers("contract", sig.contract());
            matchers("purchase", sig.purchase());
            matchers("negative", sig.negative());
            matchers("positive", sig.positive());
            matchers("ignored", sig.ignored());
        }
    }

    private void stageRef(Set<String> ids, String field, String stageId) {
        String path = "lifecycle.transitions." + field;
        if (blank(stageId)) {
            problem(path, "is required");
        } else if (!ids.contains(stageId)) {
            problem(path, "unknown stage id '" + stageId + "'");
        }
    }

    private void matchers(String signal, List<Matcher> list) {
        for (int i = 0; i < list.size(); i++) {
            Matcher m = list.get(i);
            if (m == null || (m.types().isEmpty() && m.details().isEmpty())) {
                problem("lifecycle.signals." + signal + "[" + i + "]", "needs types or details");
            }
        }
    }

    private void scoring(ScoringRules rules) {
        if (rules.fit() == null) {
            problem("scoring.fit", "is required");
        } else {
            for (int g = 0; g < rules.fit().groups().size(); g++) {
                fitGroup("scoring.fit.groups[" + g + "]", rules.fit().groups().get(g));
            }
        }
        if (rules.engagement() == null) {
            problem("scoring.engagement", "is required");
        } else {
            engagement(rules.engagement());
        }
        tiers(rules.tiers());
        if (rules.combined() == null) {
            problem("scoring.combined", "is required");
        } else {
            double fit = rules.combined().fit();
            double engagement = rules.combined().engagement();
            if (fit < 0) {
                problem("scoring.combined.fit", "must not be negative");
            }
            if (engagement < 0) {
                problem("scoring.combined.engagement", "must not be negative");
            }
            if (Math.abs(fit + engagement - 1.0) > 1e-9) {
                problem("scoring.combined", "fit and engagement must sum to 1, not " + (fit + engagement));
            }
        }
    }

    private void fitGroup(String path, FitGroup group) {
        if (blank(group.id())) {
            problem(path + ".id", "is required");
        }
        cap(path + ".cap", group.cap());
        for (int r = 0; r < group.rules().size(); r++) {
            FitRule rule = group.rules().get(r);
            String rp = path + ".rules[" + r + "]";
            if (blank(rule.id())) {
                problem(rp + ".id", "is required");
            }
            if (rule.points() < 0) {
                problem(rp + ".points", "must not be negative");
            }
            if (rule.check() == null) {
                problem(rp + ".check", "is required (present, containsAny or in)");
            } else if (rule.check() != ScoringRules.Check.PRESENT && rule.values().isEmpty()) {
                problem(rp + ".values", "are required for check " + rule.check());
            }
            if (rule.fields().isEmpty()) {
                problem(rp + ".fields", "at least one field is required");
            }
            for (int f = 0; f < rule.fields().size(); f++) {
                String field = rule.fields().get(f);
                if (field == null || !(PROFILE_FIELDS.contains(field)
                        || (field.startsWith("attributes.") && field.length() > "attributes.".length()))) {
                    problem(rp + ".fields[" + f + "]", "unknown field '" + field + "'");
                }
            }
        }
    }

    private void engagement(ScoringRules.Engagement e) {
        if (!(e.halfLifeDays() > 0)) {
            problem("scoring.engagement.halfLifeDays", "must be more than 0");
        }
        if (e.defaultChannelMultiplier() < 0) {
            problem("scoring.engagement.defaultChannelMultiplier", "must not be negative");
        }
        nonNegative("scoring.engagement.channelMultipliers", e.channelMultipliers());
        for (int g = 0; g < e.groups().size(); g++) {
            EngagementGroup group = e.groups().get(g);
            String path = "scoring.engagement.groups[" + g + "]";
            if (blank(group.id())) {
                problem(path + ".id", "is required");
            }
            cap(path + ".cap", group.cap());
            nonNegative(path + ".weights", group.weights());
        }
    }

    private void tiers(List<ScoringRules.Tier> tiers) {
        if (tiers.isEmpty()) {
            problem("scoring.tiers", "at least one tier is required");
        }
        for (int i = 0; i < tiers.size(); i++) {
            ScoringRules.Tier tier = tiers.get(i);
            String path = "scoring.tiers[" + i + "]";
            if (blank(tier.id())) {
                problem(path + ".id", "is required");
            }
            if (tier.min() < 0 || tier.min() > 100) {
                problem(path + ".min", "must be between 0 and 100");
            }
            if (i > 0 && tier.min() >= tiers.get(i - 1).min()) {
                problem(path + ".min", "tiers must be listed with descending min ("
                        + tier.min() + " follows " + tiers.get(i - 1).min() + ")");
            }
        }
    }

    private void nonNegative(String path, Map<String, Double> values) {
        values.forEach((key, value) -> {
            if (value == null || value < 0) {
                problem(path + "." + key, "must not be negative");
            }
        });
    }

    private void cap(String path, int cap) {
        if (cap < 0 || cap > 100) {
            problem(path, "must be between 0 and 100");
        }
    }

    private void atLeast(String path, int value, int min) {
        if (value < min) {
            problem(path, "must be " + min + " or more");
        }
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

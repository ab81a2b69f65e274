package io.kehu.server.routing;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.ScoringRules;
import io.kehu.server.routing.AssignmentSpec.Params;
import io.kehu.server.routing.AssignmentSpec.Strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Collects every problem of a {@link RoutingConfig}, each with its field path, instead of stopping at the
 * first. Stage and tier ids in conditions are checked against the lifecycle configuration given.
 */
final class RoutingConfigValidator {

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Set<String> stages;
    private final Set<String> tiers;

    RoutingConfigValidator(LifecycleConfig lifecycle) {
        this.stages = lifecycle == null || lifecycle.lifecycle() == null ? null
                : lifecycle.lifecycle().stages().stream().map(LifecycleModel.Stage::id).collect(Collectors.toSet());
        this.tiers = lifecycle == null || lifecycle.scoring() == null ? null
                : lifecycle.scoring().tiers().stream().map(ScoringRules.Tier::id).collect(Collectors.toSet());
    }

    List<ConfigProblem> validate(RoutingConfig config) {
        if (config.version() < 1) {
            problem("version", "must be 1 or more");
        }
        if (RoutingConfig.MatchMode.parse(config.match()).isEmpty()) {
            problem("match", "must be first or all, not '" + config.match() + "'");
        }
        owners(config.owners());
        if (blank(config.defaultAssignee())) {
            problem("defaultAssignee", "is required: routed leads always get an owner");
        } else {
            Optional<Owner> owner = config.owner(config.defaultAssignee());
            if (owner.isEmpty()) {
                problem("defaultAssignee", "unknown owner id '" + config.defaultAssignee() + "'");
            } else if (!owner.get().isActive()) {
                problem("defaultAssignee", "must be an active owner");
            }
        }
        Set<String> ruleIds = new HashSet<>();
        for (int i = 0; i < config.rules().size(); i++) {
            RoutingRule rule = config.rules().get(i);
            String path = "rules[" + i + "]";
            if (blank(rule.id())) {
                problem(path + ".id", "is required");
            } else if (!ruleIds.add(rule.id())) {
                problem(path + ".id", "duplicate rule id '" + rule.id() + "'");
            }
            new ConditionParser(stages, tiers, problems).parse(rule.when(), path + ".when");
            destinations(path, rule.destinations());
            assignment(path + ".assignment", rule.assignment(), config);
        }
        return List.copyOf(problems);
    }

    private void owners(List<Owner> owners) {
        if (owners.isEmpty()) {
            problem("owners", "at least one owner is required");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < owners.size(); i++) {
            Owner o = owners.get(i);
            String path = "owners[" + i + "]";
            if (blank(o.id())) {
                problem(path + ".id", "is required");
            } else if (!ids.add(o.id())) {
                problem(path + ".id", "duplicate owner id '" + o.id() + "'");
            }
            if (!(o.weight() > 0)) {
                problem(path + ".weight", "must be more than 0");
            }
            o.remoteIds().forEach((instance, remoteId) -> {
                if (blank(remoteId)) {
                    problem(path + ".remoteIds." + instance, "is blank");
                }
            });
        }
    }

    private void destinations(String rulePath, List<DestinationMapping> destinations) {
        if (destinations.isEmpty()) {
            problem(rulePath + ".destinations", "at least one destination is required");
        }
        Set<String> instances = new HashSet<>();
        for (int d = 0; d < destinations.size(); d++) {
            DestinationMapping m = destinations.get(d);
            String path = rulePath + ".destinations[" + d + "]";
            if (blank(m.instance())) {
                problem(path + ".instance", "is required");
            } else if (!instances.add(m.instance())) {
                problem(path + ".instance", "duplicate destination '" + m.instance() + "' in this rule");
            }
            if (m.fields().isEmpty()) {
                problem(path + ".fields", "at least one field mapping is required");
            }
            m.fields().forEach((field, template) -> FieldTemplate.parse(template, path + ".fields." + field, problems));
            for (int r = 0; r < m.required().size(); r++) {
                if (!m.fields().containsKey(m.required().get(r))) {
                    problem(path + ".required[" + r + "]", "'" + m.required().get(r) + "' is required but not mapped");
                }
            }
        }
    }

    private void assignment(String path, AssignmentSpec spec, RoutingConfig config) {
        if (spec == null) {
            problem(path, "is required");
            return;
        }
        Optional<Strategy> strategy = spec.strategyKind();
        if (strategy.isEmpty()) {
            problem(path + ".strategy", "unknown strategy '" + spec.strategy() + "' ("
                    + Arrays.stream(Strategy.values()).map(Strategy::key).collect(Collectors.joining(", ")) + ")");
        }
        Params p = spec.params();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("owners", p.owners());
        given.put("match", p.match());
        given.put("minRate", p.minRate());
        given.put("timeout", p.timeout());
        given.put("requeues", p.requeues());
        given.forEach((name, value) -> {
            if (value != null && strategy.isPresent() && !strategy.get().takes(name)) {
                problem(path + ".params." + name, "does not apply to strategy " + spec.strategy());
            }
        });
        if (p.owners() != null) {
            if (p.owners().isEmpty()) {
                problem(path + ".params.owners", "must list at least one owner (or be left out for every owner)");
            }
            for (int i = 0; i < p.owners().size(); i++) {
                if (config.owner(p.owners().get(i)).isEmpty()) {
                    problem(path + ".params.owners[" + i + "]", "unknown owner id '" + p.owners().get(i) + "'");
                }
            }
        }
        if (strategy.filter(s -> s == Strategy.TERRITORY).isPresent() && (p.match() == null || p.match().isEmpty())) {
            problem(path + ".params.match", "territory needs at least one of region, tags, industry");
        }
        if (p.match() != null) {
            for (int i = 0; i < p.match().size(); i++) {
                if (!Territories.CRITERIA.contains(p.match().get(i))) {
                    problem(path + ".params.match[" + i + "]", "unknown criterion '" + p.match().get(i)
                            + "' (region, tags, industry)");
                }
            }
        }
        if (p.minRate() != null && (p.minRate() < 0 || p.minRate() > 1)) {
            problem(path + ".params.minRate", "must be between 0 and 1");
        }
        if (strategy.filter(s -> s == Strategy.CLAIM_POOL).isPresent()) {
            Optional<Duration> timeout = p.timeoutDuration();
            if (timeout.isEmpty() || timeout.get().isNegative() || timeout.get().isZero()) {
                problem(path + ".params.timeout", "claimPool needs a timeout above zero such as 30m, 4h or 2d");
            }
        }
        if (p.requeues() != null && p.requeues() < 0) {
            problem(path + ".params.requeues", "must not be negative");
        }
        if (spec.fallback() != null && config.owner(spec.fallback()).isEmpty()) {
            problem(path + ".fallback", "unknown owner id '" + spec.fallback() + "'");
        }
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

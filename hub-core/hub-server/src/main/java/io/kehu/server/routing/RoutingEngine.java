package io.kehu.server.routing;

import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.routing.AssignmentStrategy.Pick;
import io.kehu.server.routing.OwnerDecision.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Routes a profile by one version of the rules: which destinations it goes to, with which fields, and who
 * owns it. Rules are tried top to bottom; with {@code match: first} the first matching rule routes the
 * profile, with {@code match: all} every matching rule does. The first matching rule decides the owner and
 * every later one shares it, because a profile has one owner.
 */
public final class RoutingEngine {

    private static final Logger log = LoggerFactory.getLogger(RoutingEngine.class);

    private record CompiledDestination(DestinationMapping mapping, Map<String, FieldTemplate> fields) {
    }

    private record CompiledRule(RoutingRule rule, Condition when, List<CompiledDestination> destinations) {
    }

    private final RoutingConfig config;
    private final List<CompiledRule> rules;
    private final OwnerAssigner assigner;

    /**
     * Compiles the rules. Refuses a config the engine cannot run (the validator's checks without the
     * lifecycle ids, which the caller checks against the lifecycle in force).
     */
    public RoutingEngine(RoutingConfig config) {
        List<ConfigProblem> problems = new RoutingConfigValidator(null).validate(config);
        if (!problems.isEmpty()) {
            throw HubException.configuration("Invalid routing rules: " + problems.stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        this.config = config;
        this.assigner = new OwnerAssigner(config);
        // Already validated: these parses add no problems.
        List<ConfigProblem> none = new ArrayList<>();
        ConditionParser conditions = new ConditionParser(null, null, none);
        List<CompiledRule> compiled = new ArrayList<>();
        for (RoutingRule rule : config.rules()) {
            List<CompiledDestination> destinations = new ArrayList<>();
            for (DestinationMapping mapping : rule.destinations()) {
                Map<String, FieldTemplate> fields = new LinkedHashMap<>();
                mapping.fields().forEach((field, template) -> fields.put(field, FieldTemplate.parse(template, field, none)));
                destinations.add(new CompiledDestination(mapping, fields));
            }
            compiled.add(new CompiledRule(rule, conditions.parse(rule.when(), "when"), destinations));
        }
        this.rules = List.copyOf(compiled);
    }

    public RoutingConfig config() {
        return config;
    }

    /** The conditions of the enabled rules, in rule order. */
    List<Condition> enabledConditions() {
        return rules.stream().filter(r -> r.rule().isEnabled()).map(CompiledRule::when).toList();
    }

    /**
     * Routes {@code profile}. {@code state} is the assignment state from the previous call (or
     * {@link AssignmentState#EMPTY}); persist the returned one. {@code conversionRates} (owner id to 0–1)
     * feed the weighted strategy.
     */
    public RoutingResult route(RoutableProfile profile, AssignmentState state, Map<String, Double> conversionRates,
                               Instant now) {
        OwnerDecision owner = null;
        AssignmentState next = state == null ? AssignmentState.EMPTY : state;
        List<RouteDecision> decisions = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (!r.rule().isEnabled() || !r.when().test(profile)) {
                continue;
            }
            if (owner == null) {
                Pick pick = assigner.assign(r.rule(), profile, next, conversionRates, now);
                owner = pick.decision();
                next = pick.state();
            }
            for (CompiledDestination d : r.destinations()) {
                decisions.add(decide(r.rule().id(), d, profile, owner, now));
            }
            if (config.matchMode() == RoutingConfig.MatchMode.FIRST) {
                break;
            }
        }
        if (owner != null) {
            log.debug("Profile {} routed to {} destination(s), owner {} ({})", profile.id(), decisions.size(),
                    owner.ownerId(), owner.kind());
        }
        return new RoutingResult(config.version(), owner, decisions, next);
    }

    /**
     * The fields for a destination the profile was routed to before, with the owner recorded on it: for
     * pushing a change (a new e-mail, a later stage) to the record already there, even when the rule no
     * longer matches. Empty when the rule or the destination is gone from the rules.
     */
    public Optional<RouteDecision> remap(RoutableProfile profile, String ruleId, String instanceId, Instant now) {
        String ownerId = config.owner(profile.owner()).map(Owner::id).orElse(profile.owner());
        OwnerDecision kept = OwnerDecision.of(Kind.KEPT, ownerId, null, "owner kept");
        return rules.stream().filter(r -> r.rule().id().equals(ruleId))
                .flatMap(r -> r.destinations().stream())
                .filter(d -> d.mapping().instance().equals(instanceId))
                .findFirst()
                .map(d -> decide(ruleId, d, profile, kept, now));
    }

    private RouteDecision decide(String ruleId, CompiledDestination d, RoutableProfile profile, OwnerDecision owner,
                                 Instant now) {
        String instance = d.mapping().instance();
        Owner o = owner.ownerId() == null ? null : config.owner(owner.ownerId()).orElse(null);
        Map<String, Object> values = new LinkedHashMap<>();
        d.fields().forEach((field, template) -> {
            Object value = template.render(profile, o, instance, ruleId, now, d.mapping().join());
            if (value != null) {
                values.put(field, value);
            }
        });
        List<String> missing = d.mapping().required().stream().filter(f -> !values.containsKey(f)).toList();
        return new RouteDecision(ruleId, instance, Collections.unmodifiableMap(values), owner,
                o == null ? null : o.remoteId(instance), missing);
    }
}

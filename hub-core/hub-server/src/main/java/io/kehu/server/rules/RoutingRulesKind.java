package io.kehu.server.rules;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ConfigYaml;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.routing.RoutingConfig;
import io.kehu.server.routing.RoutingConfigLoader;
import io.kehu.server.routing.RoutingRules;
import java.util.List;

/**
 * The routing rules ({@code config/routing.yml}) as a kind of versioned rules. Checked against the
 * lifecycle rules in force, whose stage and tier ids their conditions name.
 */
public final class RoutingRulesKind implements RulesKind<RoutingConfig> {

    private final RoutingConfigLoader loader = new RoutingConfigLoader();
    private final LifecycleRules lifecycle;

    public RoutingRulesKind(LifecycleRules lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public String name() {
        return "routing";
    }

    @Override
    public ConfigYaml.Parsed<RoutingConfig> parse(String yaml) {
        return loader.parse(yaml);
    }

    @Override
    public List<ConfigProblem> validate(RoutingConfig candidate) {
        List<ConfigProblem> problems = loader.validate(candidate, lifecycle.current().config());
        if (problems.isEmpty()) {
            // The engine and the claim pool must build, or the next routing run would fail instead of this request.
            RoutingRules.Current.of(candidate);
        }
        return problems;
    }

    @Override
    public RoutingConfig withVersion(RoutingConfig c, int version) {
        return new RoutingConfig(version, c.match(), c.owners(), c.rules(), c.defaultAssignee());
    }

    @Override
    public int version(RoutingConfig config) {
        return config.version();
    }
}

package io.kehu.server.rules;

import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ConfigYaml;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.Scorer;
import io.kehu.server.lifecycle.StageEngine;
import java.util.List;

/** The lifecycle model and scoring rules ({@code config/lifecycle.yml}) as a kind of versioned rules. */
public final class LifecycleRulesKind implements RulesKind<LifecycleConfig> {

    private final LifecycleConfigLoader loader = new LifecycleConfigLoader();

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public ConfigYaml.Parsed<LifecycleConfig> parse(String yaml) {
        return loader.parse(yaml);
    }

    @Override
    public List<ConfigProblem> validate(LifecycleConfig candidate) {
        List<ConfigProblem> problems = loader.validate(candidate);
        if (problems.isEmpty()) {
            // The engines must build, or the next batch would fail instead of this request.
            new Scorer(candidate);
            new StageEngine(candidate.lifecycle());
        }
        return problems;
    }

    @Override
    public LifecycleConfig withVersion(LifecycleConfig c, int version) {
        return new LifecycleConfig(version, c.lifecycle(), c.scoring());
    }

    @Override
    public int version(LifecycleConfig config) {
        return config.version();
    }
}

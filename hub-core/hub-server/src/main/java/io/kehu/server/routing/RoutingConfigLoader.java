package io.kehu.server.routing;

import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.ConfigYaml;
import io.kehu.server.lifecycle.LifecycleConfig;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the routing rules from YAML and validates them. The defaults ship as {@code config/routing.yml}
 * and, as a fallback when no file is given, as a classpath resource.
 */
public final class RoutingConfigLoader {

    public static final String DEFAULT_RESOURCE = "/io/kehu/server/routing/default-routing.yml";

    private final ConfigYaml<RoutingConfig> yaml = new ConfigYaml<>(RoutingConfig.class, "routing", DEFAULT_RESOURCE);

    /** Reads without validating; see {@link #loadValidated(Path, LifecycleConfig)}. */
    public RoutingConfig load(Path file) {
        return yaml.load(file);
    }

    public RoutingConfig load(InputStream in, String source) {
        return yaml.load(in, source);
    }

    public RoutingConfig loadDefault() {
        return yaml.loadFileOrDefault(null);
    }

    /** The text of {@code file} if it exists, else of the classpath defaults. */
    public String textOf(Path file) {
        return yaml.textOf(file);
    }

    /** Reads YAML text without validating it; a syntax or type error is one problem with its path. */
    public ConfigYaml.Parsed<RoutingConfig> parse(String text) {
        return yaml.parse(text);
    }

    /**
     * Loads {@code file} if it exists, else the classpath defaults, and rejects it unless valid against the
     * lifecycle configuration in force.
     */
    public RoutingConfig loadValidated(Path file, LifecycleConfig lifecycle) {
        RoutingConfig config = yaml.loadFileOrDefault(file);
        List<ConfigProblem> problems = validate(config, lifecycle);
        if (!problems.isEmpty()) {
            throw HubException.configuration("Invalid routing config: " + problems.stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return config;
    }

    /** Every problem of {@code config}, each with the path of its field; empty when valid. */
    public List<ConfigProblem> validate(RoutingConfig config, LifecycleConfig lifecycle) {
        return new RoutingConfigValidator(lifecycle).validate(config);
    }
}

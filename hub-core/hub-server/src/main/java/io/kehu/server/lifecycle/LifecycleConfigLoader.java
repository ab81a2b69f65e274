package io.kehu.server.lifecycle;

import io.kehu.api.HubException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the lifecycle configuration from YAML and validates it. The defaults ship as
 * {@code config/lifecycle.yml} and, as a fallback when no file is given, as a classpath resource.
 */
public final class LifecycleConfigLoader {

    public static final String DEFAULT_RESOURCE = "/io/kehu/server/lifecycle/default-lifecycle.yml";

    private final ConfigYaml<LifecycleConfig> yaml = new ConfigYaml<>(LifecycleConfig.class, "lifecycle",
            DEFAULT_RESOURCE);

    /** Reads without validating; see {@link #loadValidated(Path)}. */
    public LifecycleConfig load(Path file) {
        return yaml.load(file);
    }

    public LifecycleConfig load(InputStream in, String source) {
        return yaml.load(in, source);
    }

    public LifecycleConfig loadDefault() {
        return yaml.loadFileOrDefault(null);
    }

    /** The text of {@code file} if it exists, else of the classpath defaults. */
    public String textOf(Path file) {
        return yaml.textOf(file);
    }

    /** Loads {@code file} if it exists, else the classpath defaults, and rejects it unless valid. */
    public LifecycleConfig loadValidated(Path file) {
        LifecycleConfig config = yaml.loadFileOrDefault(file);
        List<ConfigProblem> problems = validate(config);
        if (!problems.isEmpty()) {
            throw HubException.configuration("Invalid lifecycle config: " + problems.stream()
                    .map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
        return config;
    }

    /** Every problem of {@code config}, each with the path of its field; empty when valid. */
    public List<ConfigProblem> validate(LifecycleConfig config) {
        return new LifecycleConfigValidator().validate(config);
    }

    /** Reads YAML text without validating it; a syntax or type error is one problem with its path. */
    public ConfigYaml.Parsed<LifecycleConfig> parse(String text) {
        return yaml.parse(text);
    }
}

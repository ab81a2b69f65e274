package io.kehu.server.lifecycle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.api.HubException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the lifecycle configuration from YAML and validates it. The defaults ship as
 * {@code config/lifecycle.yml} and, as a fallback when no file is given, as a classpath resource.
 */
public final class LifecycleConfigLoader {

    public static final String DEFAULT_RESOURCE = "/io/kehu/server/lifecycle/default-lifecycle.yml";

    // Unknown properties fail: a misspelt rule key must not be silently ignored.
    private final ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Reads without validating; see {@link #loadValidated(Path)}. */
    public LifecycleConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw HubException.configuration("Cannot read lifecycle config " + file + ": " + e.getMessage());
        }
    }

    public LifecycleConfig load(InputStream in, String source) {
        try {
            LifecycleConfig config = mapper.readValue(in, LifecycleConfig.class);
            if (config == null) {
                throw HubException.configuration("Lifecycle config " + source + " is empty");
            }
            return config;
        } catch (IOException e) {
            throw HubException.configuration("Cannot parse lifecycle config " + source + ": "
                    + e.getMessage());
        }
    }

    public LifecycleConfig loadDefault() {
        try (InputStream in = LifecycleConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw HubException.configuration("Default lifecycle config " + DEFAULT_RESOURCE + " is missing");
            }
            return load(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw HubException.configuration("Cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage());
        }
    }

    /** Loads {@code file} if it exists, else the classpath defaults, and rejects it unless valid. */
    public LifecycleConfig loadValidated(Path file) {
        LifecycleConfig config = file != null && Files.isRegularFile(file) ? load(file) : loadDefault();
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
}

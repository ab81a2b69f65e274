package io.kehu.server.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.api.HubException;
import io.kehu.server.lifecycle.ConfigProblem;
import io.kehu.server.lifecycle.LifecycleConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the routing rules from YAML and validates them. The defaults ship as {@code config/routing.yml}
 * and, as a fallback when no file is given, as a classpath resource.
 */
public final class RoutingConfigLoader {

    public static final String DEFAULT_RESOURCE = "/io/kehu/server/routing/default-routing.yml";

    // Unknown properties fail: a misspelt key must not be silently ignored.
    private final ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Reads without validating; see {@link #loadValidated(Path, LifecycleConfig)}. */
    public RoutingConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw HubException.configuration("Cannot read routing config " + file + ": " + e.getMessage());
        }
    }

    public RoutingConfig load(InputStream in, String source) {
        try {
            RoutingConfig config = mapper.readValue(in, RoutingConfig.class);
            if (config == null) {
                throw HubException.configuration("Routing config " + source + " is empty");
            }
            return config;
        } catch (IOException e) {
            throw HubException.configuration("Cannot parse routing config " + source + ": " + e.getMessage());
        }
    }

    public RoutingConfig loadDefault() {
        try (InputStream in = RoutingConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw HubException.configuration("Default routing config " + DEFAULT_RESOURCE + " is missing");
            }
            return load(in, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw HubException.configuration("Cannot read " + DEFAULT_RESOURCE + ": " + e.getMessage());
        }
    }

    /**
     * Loads {@code file} if it exists, else the classpath defaults, and rejects it unless valid against the
     * lifecycle configuration in force.
     */
    public RoutingConfig loadValidated(Path file, LifecycleConfig lifecycle) {
        RoutingConfig config = file != null && Files.isRegularFile(file) ? load(file) : loadDefault();
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

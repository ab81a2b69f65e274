package io.kehu.server.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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

    /** The outcome of {@link #parse(String)}: a config, or the problem that stopped reading it. */
    public record Parsed(LifecycleConfig config, ConfigProblem problem) {
    }

    /**
     * Reads YAML text without validating it. A syntax or type error becomes one problem whose path
     * names the field where reading stopped, so an API caller sees it like a validation problem.
     */
    public Parsed parse(String yaml) {
        try {
            LifecycleConfig config = yaml == null || yaml.isBlank() ? null : mapper.readValue(yaml, LifecycleConfig.class);
            return config == null ? new Parsed(null, new ConfigProblem("(document)", "is empty"))
                    : new Parsed(config, null);
        } catch (UnrecognizedPropertyException e) {
            return new Parsed(null, new ConfigProblem(path(e), "unknown field" + at(e.getLocation())));
        } catch (JsonMappingException e) {
            // The original message names Java types; the path and the line are what a rule author needs.
            boolean missing = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null`");
            return new Parsed(null, new ConfigProblem(path(e), (missing ? "is required"
                    : "has a value of the wrong type or shape") + at(e.getLocation())));
        } catch (JsonProcessingException e) {
            return new Parsed(null, new ConfigProblem("(document)", "is not valid YAML" + at(e.getLocation())));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(document)" : out.toString();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }
}

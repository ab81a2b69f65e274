package io.kehu.server.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kehu.api.HubException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one kind of rules file (lifecycle, routing) from YAML: a file, the defaults shipped on the
 * classpath, or text sent to the API. Unknown keys fail, so a misspelt rule key is never silently ignored.
 */
public final class ConfigYaml<C> {

    /** The outcome of {@link #parse(String)}: a config, or the problem that stopped reading it. */
    public record Parsed<C>(C config, ConfigProblem problem) {
    }

    private final ObjectMapper mapper = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private final Class<C> type;
    private final String what;
    private final String defaultResource;

    /** @param what "lifecycle", "routing": for messages */
    public ConfigYaml(Class<C> type, String what, String defaultResource) {
        this.type = type;
        this.what = what;
        this.defaultResource = defaultResource;
    }

    public C load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw HubException.configuration("Cannot read " + what + " config " + file + ": " + e.getMessage());
        }
    }

    public C load(InputStream in, String source) {
        try {
            C config = mapper.readValue(in, type);
            if (config == null) {
                throw HubException.configuration(capitalised() + " config " + source + " is empty");
            }
            return config;
        } catch (IOException e) {
            throw HubException.configuration("Cannot parse " + what + " config " + source + ": " + e.getMessage());
        }
    }

    /** {@code file} if it exists, else the shipped defaults. */
    public C loadFileOrDefault(Path file) {
        if (file != null && Files.isRegularFile(file)) {
            return load(file);
        }
        try (InputStream in = defaults()) {
            return load(in, defaultResource);
        } catch (IOException e) {
            throw HubException.configuration("Cannot read " + defaultResource + ": " + e.getMessage());
        }
    }

    /** The text of {@code file} if it exists, else of the shipped defaults. */
    public String textOf(Path file) {
        try {
            if (file != null && Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            try (InputStream in = defaults()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw HubException.configuration("Cannot read " + what + " config " + file + ": " + e.getMessage());
        }
    }

    private InputStream defaults() {
        InputStream in = ConfigYaml.class.getResourceAsStream(defaultResource);
        if (in == null) {
            throw HubException.configuration("Default " + what + " config " + defaultResource + " is missing");
        }
        return in;
    }

    /**
     * Reads YAML text without validating it. A syntax or type error becomes one problem whose path
     * names the field where reading stopped, so an API caller sees it like a validation problem.
     */
    public Parsed<C> parse(String yaml) {
        try {
            C config = yaml == null || yaml.isBlank() ? null : mapper.readValue(yaml, type);
            return config == null ? new Parsed<>(null, new ConfigProblem("(document)", "is empty"))
                    : new Parsed<>(config, null);
        } catch (UnrecognizedPropertyException e) {
            return new Parsed<>(null, new ConfigProblem(path(e), "unknown field" + at(e.getLocation())));
        } catch (JsonMappingException e) {
            // The original message names Java types; the path and the line are what a rule author needs.
            boolean missing = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Cannot map `null`");
            return new Parsed<>(null, new ConfigProblem(path(e), (missing ? "is required"
                    : "has a value of the wrong type or shape") + at(e.getLocation())));
        } catch (JsonProcessingException e) {
            return new Parsed<>(null, new ConfigProblem("(document)", "is not valid YAML" + at(e.getLocation())));
        }
    }

    private String capitalised() {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
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

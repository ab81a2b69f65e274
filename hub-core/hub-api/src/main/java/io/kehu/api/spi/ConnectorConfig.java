package io.kehu.api.spi;

import io.kehu.api.HubException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The validated configuration of one connector instance. Values are the field defaults overlaid
 * with what the instance definition gave; {@link #toString()} never shows a secret.
 */
public final class ConnectorConfig {

    private final Map<String, Object> values;
    private final Map<String, ConfigField> fields;

    public ConnectorConfig(List<ConfigField> fields, Map<String, ?> given) {
        this.fields = new LinkedHashMap<>();
        Map<String, Object> v = new LinkedHashMap<>();
        for (ConfigField f : fields) {
            this.fields.put(f.key(), f);
            if (f.defaultValue() != null) {
                v.put(f.key(), f.defaultValue());
            }
        }
        if (given != null) {
            given.forEach((k, val) -> {
                if (val != null) {
                    v.put(k, val);
                }
            });
        }
        this.values = v;
    }

    /** Checks every declared field: required values present, types parse, enum values allowed. */
    public List<ConfigProblem> validate() {
        List<ConfigProblem> problems = new java.util.ArrayList<>();
        for (ConfigField f : fields.values()) {
            Object raw = values.get(f.key());
            if (raw == null || raw.toString().isBlank()) {
                if (f.required()) {
                    problems.add(new ConfigProblem(f.key(), "is required"));
                }
                continue;
            }
            try {
                switch (f.type()) {
                    case INTEGER -> integer(f.key());
                    case BOOLEAN -> bool(f.key());
                    case DURATION -> duration(f.key());
                    case URL -> java.net.URI.create(raw.toString()).toURL();
                    case ENUM -> {
                        if (!f.allowedValues().contains(raw.toString())) {
                            problems.add(new ConfigProblem(f.key(), "must be one of " + f.allowedValues()));
                        }
                    }
                    case MAP -> map(f.key());
                    default -> {
                    }
                }
            } catch (RuntimeException | java.net.MalformedURLException e) {
                // The value itself is not echoed: it may be a secret typed into the wrong field.
                problems.add(new ConfigProblem(f.key(), "is not a valid " + f.type().name().toLowerCase(Locale.ROOT)));
            }
        }
        for (String k : values.keySet()) {
            if (!fields.containsKey(k)) {
                problems.add(new ConfigProblem(k, "is not a field of this connector"));
            }
        }
        return problems;
    }

    public boolean has(String key) {
        Object v = values.get(key);
        return v != null && !v.toString().isBlank();
    }

    public String string(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public int integer(String key) {
        Object v = require(key);
        return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
    }

    public boolean bool(String key) {
        Object v = require(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("not a boolean");
        }
        return Boolean.parseBoolean(s);
    }

    public Duration duration(String key) {
        String s = require(key).toString().trim();
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            return Duration.parse(s);
        }
        long n = Long.parseLong(s.replaceAll("[a-zA-Z]+$", ""));
        String unit = s.replaceAll("^[0-9]+", "").toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    public Path path(String key) {
        return Path.of(require(key).toString());
    }

    public List<String> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Objects::toString).toList();
        }
        return Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Map<String, String> map(String key) {
        Object v = values.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("not a map");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? null : String.valueOf(val)));
        return out;
    }

    /** The values as given, with every secret field replaced by {@code ******}: safe for logs and API answers. */
    public Map<String, Object> masked() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            ConfigField f = fields.get(k);
            out.put(k, f != null && f.secret() ? "******" : v);
        });
        return out;
    }

    /** The raw values, secrets included: only for persisting the instance definition. */
    public Map<String, Object> rawValues() {
        return Map.copyOf(values);
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw HubException.configuration("Missing configuration value '" + key + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return "ConnectorConfig" + masked();
    }
}

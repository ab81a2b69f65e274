package io.kehu.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * One typed configuration field of a connector. The host validates values against it, shows it
 * in the plugin's config schema, and masks it everywhere when {@code secret}.
 *
 * @param key           the field's key in YAML and JSON, e.g. {@code inbox}
 * @param type          the value's type
 * @param defaultValue  the value used when none is given, as text; null for none
 * @param required      whether a value must be given (a default counts)
 * @param secret        never logged, masked in every API answer
 * @param description   what the field does, for generated docs and the console
 * @param allowedValues for {@link FieldType#ENUM}
 */
public record ConfigField(
        String key,
        FieldType type,
        String defaultValue,
        boolean required,
        boolean secret,
        String description,
        List<String> allowedValues) {

    public ConfigField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static ConfigField required(String key, FieldType type, String description) {
        return new ConfigField(key, type, null, true, false, description, List.of());
    }

    public static ConfigField optional(String key, FieldType type, String defaultValue, String description) {
        return new ConfigField(key, type, defaultValue, false, false, description, List.of());
    }

    public static ConfigField secret(String key, String description) {
        return new ConfigField(key, FieldType.STRING, null, true, true, description, List.of());
    }

    public static ConfigField choice(String key, String defaultValue, String description, String... allowed) {
        return new ConfigField(key, FieldType.ENUM, defaultValue, false, false, description, List.of(allowed));
    }
}

package io.kehu.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a connector is and how it is configured; the hub serves it as the plugin's config schema.
 *
 * @param type        unique connector type, used in instance definitions ({@code type: spreadsheet})
 * @param name        display name in English
 * @param nameZh      display name in Chinese
 * @param description one or two sentences for the console
 * @param kind        source or destination
 * @param fields      the configuration fields
 */
public record ConnectorDescriptor(
        String type,
        String name,
        String nameZh,
        String description,
        ConnectorKind kind,
        List<ConfigField> fields) {

    public ConnectorDescriptor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(kind, "kind");
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}

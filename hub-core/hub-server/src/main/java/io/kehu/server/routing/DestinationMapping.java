package io.kehu.server.routing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a rule sends a profile and how its fields are filled.
 *
 * @param instance destination connector instance id (as in {@code config/connectors/})
 * @param fields   destination field to a {@link FieldTemplate}: a profile path ({@code name}), a template
 *                 ({@code "${company|个人}"}) or a constant ({@code "=Kehu Hub"}); kept in file order
 * @param required destination fields that must have a value; a decision lists those that are missing
 * @param join     separator for list values such as {@code phones}; default {@code ", "}
 */
public record DestinationMapping(String instance, Map<String, String> fields, List<String> required, String join) {

    public static final String DEFAULT_JOIN = ", ";

    public DestinationMapping {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        required = required == null ? List.of() : List.copyOf(required);
        join = join == null ? DEFAULT_JOIN : join;
    }
}

package io.kehu.server.routing;

import java.util.Map;
import java.util.Optional;

/**
 * The profile paths conditions and field mappings may name, what kind of value each has, and how to read
 * it from a {@link RoutableProfile}. List fields answer to their singular name too ({@code phone} and
 * {@code phones}); {@code attributes.<key>} reads one attribute.
 */
final class ProfilePaths {

    enum Kind { TEXT, LIST, NUMBER, DATE }

    static final String ATTRIBUTES = "attributes.";

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("id", Kind.TEXT), Map.entry("name", Kind.TEXT), Map.entry("company", Kind.TEXT),
            Map.entry("title", Kind.TEXT), Map.entry("region", Kind.TEXT), Map.entry("stage", Kind.TEXT),
            Map.entry("tier", Kind.TEXT), Map.entry("owner", Kind.TEXT),
            Map.entry("phones", Kind.LIST), Map.entry("phone", Kind.LIST),
            Map.entry("emails", Kind.LIST), Map.entry("email", Kind.LIST),
            Map.entry("tags", Kind.LIST), Map.entry("tag", Kind.LIST),
            Map.entry("sources", Kind.LIST), Map.entry("source", Kind.LIST),
            Map.entry("fit", Kind.NUMBER), Map.entry("engagement", Kind.NUMBER), Map.entry("combined", Kind.NUMBER),
            Map.entry("createdAt", Kind.DATE), Map.entry("lastInteractionAt", Kind.DATE));

    private ProfilePaths() {
    }

    /** The kind of {@code path}, empty when no such path exists. */
    static Optional<Kind> kind(String path) {
        if (path == null) {
            return Optional.empty();
        }
        if (path.startsWith(ATTRIBUTES)) {
            return path.length() > ATTRIBUTES.length() ? Optional.of(Kind.TEXT) : Optional.empty();
        }
        return Optional.ofNullable(KINDS.get(path));
    }

    /**
     * The value at a known path: a String, a List of Strings, an Integer or an Instant; null when the
     * profile has none.
     */
    static Object value(RoutableProfile p, String path) {
        if (path.startsWith(ATTRIBUTES)) {
            return p.attributes().get(path.substring(ATTRIBUTES.length()));
        }
        return switch (path) {
            case "id" -> p.id();
            case "name" -> p.name();
            case "company" -> p.company();
            case "title" -> p.title();
            case "region" -> p.region();
            case "stage" -> p.stage();
            case "tier" -> p.tier();
            case "owner" -> p.owner();
            case "phones", "phone" -> p.phones();
            case "emails", "email" -> p.emails();
            case "tags", "tag" -> p.tags();
            case "sources", "source" -> p.sources();
            case "fit" -> p.fit();
            case "engagement" -> p.engagement();
            case "combined" -> p.combined();
            case "createdAt" -> p.createdAt();
            case "lastInteractionAt" -> p.lastInteractionAt();
            default -> throw new IllegalArgumentException("Unknown profile path '" + path + "'");
        };
    }
}

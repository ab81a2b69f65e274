package io.kehu.server.routing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Matches owners to a profile by territory criteria, tried in the order given; the first criterion that
 * matches any active owner decides. {@code region}: the profile's region starts with one of the owner's
 * regions ({@code 广东深圳} is in {@code 广东}); {@code tags}: they share a tag; {@code industry}: the
 * profile's {@code industry} attribute contains one of the owner's industries ({@code 制造业} has
 * {@code 制造}). Case is ignored.
 */
final class Territories {

    static final Set<String> CRITERIA = Set.of("region", "tags", "industry");

    /** The criterion that matched and the owners it matched, in candidate order. */
    record Match(String criterion, List<Owner> owners) {
    }

    private Territories() {
    }

    static Optional<Match> match(List<Owner> candidates, RoutableProfile profile, List<String> criteria) {
        for (String criterion : criteria) {
            List<Owner> owners = candidates.stream().filter(Owner::isActive)
                    .filter(o -> covers(o, profile, criterion)).toList();
            if (!owners.isEmpty()) {
                return Optional.of(new Match(criterion, owners));
            }
        }
        return Optional.empty();
    }

    private static boolean covers(Owner owner, RoutableProfile p, String criterion) {
        return switch (criterion) {
            case "region" -> p.region() != null && owner.regions().stream()
                    .anyMatch(r -> lower(p.region().trim()).startsWith(lower(r)));
            case "tags" -> p.tags().stream().anyMatch(t -> owner.tags().stream().anyMatch(t.trim()::equalsIgnoreCase));
            case "industry" -> {
                String industry = p.attributes().get("industry");
                yield industry != null && owner.industries().stream()
                        .anyMatch(i -> lower(industry).contains(lower(i)));
            }
            default -> false;
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;

import java.util.stream.Collectors;

/**
 * The owners whose territory (region, tags or industry) covers the profile, in turn. Each set of matching
 * owners has its own rotation, so two regions sharing a rule do not steal each other's turns. No match
 * falls through to the rule's fallback.
 */
final class TerritoryStrategy implements AssignmentStrategy {

    @Override
    public Pick assign(Request r) {
        var match = Territories.match(r.candidates(), r.profile(), r.params().match());
        if (match.isEmpty()) {
            return Pick.none("no owner's territory covers the profile", r.state());
        }
        var owners = match.get().owners();
        String key = r.rule().id() + "/" + owners.stream().map(Owner::id).collect(Collectors.joining(","));
        Owner next = Rotation.next(r.candidates(), r.state().cursor(key), owners::contains);
        return Pick.chosen(OwnerDecision.of(Kind.ASSIGNED, next.id(), r.strategy(),
                "territory match by " + match.get().criterion()), r.state().withCursor(key, next.id()));
    }
}

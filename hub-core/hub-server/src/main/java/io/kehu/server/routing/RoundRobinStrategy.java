package io.kehu.server.routing;

import io.kehu.server.routing.OwnerDecision.Kind;

/** Each active candidate in turn, one cursor per rule. */
final class RoundRobinStrategy implements AssignmentStrategy {

    @Override
    public Pick assign(Request r) {
        String key = r.rule().id();
        Owner next = Rotation.next(r.candidates(), r.state().cursor(key), Owner::isActive);
        if (next == null) {
            return Pick.none("no active candidate", r.state());
        }
        return Pick.chosen(OwnerDecision.of(Kind.ASSIGNED, next.id(), r.strategy(), "round robin"),
                r.state().withCursor(key, next.id()));
    }
}

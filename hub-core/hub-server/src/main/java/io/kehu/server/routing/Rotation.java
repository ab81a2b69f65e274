package io.kehu.server.routing;

import java.util.List;
import java.util.function.Predicate;

/** Round robin over an ordered owner list, resuming after the owner picked last. */
final class Rotation {

    private Rotation() {
    }

    /**
     * The first owner after {@code last} (wrapping around) that {@code eligible} accepts, or null when none
     * does. Positions come from the whole list, so an owner leaving or rejoining does not reset the turn.
     */
    static Owner next(List<Owner> ordered, String last, Predicate<Owner> eligible) {
        int start = 0;
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).id().equals(last)) {
                start = i + 1;
                break;
            }
        }
        for (int step = 0; step < ordered.size(); step++) {
            Owner o = ordered.get((start + step) % ordered.size());
            if (eligible.test(o)) {
                return o;
            }
        }
        return null;
    }
}

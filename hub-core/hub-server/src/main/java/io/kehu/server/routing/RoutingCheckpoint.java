package io.kehu.server.routing;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where routing stands: profiles changed after {@code changedAfter} have not been routed yet, and the
 * assignment strategies' memory to continue from. Persisted by {@link RoutingStateStore}.
 *
 * @param changedAfter null before the first complete walk (every profile is then routed)
 * @param rulesVersion the routing rules version the walk up to {@code changedAfter} ran under; another
 *                     version walks every profile again. Null in checkpoints stored before it was kept.
 * @param heldBackFor  destination instances that decisions were held back for because they did not exist;
 *                     once one exists the next run walks every profile, on whichever node and after restarts
 */
public record RoutingCheckpoint(Instant changedAfter, AssignmentState state, Integer rulesVersion,
                                Set<String> heldBackFor) {

    public static final RoutingCheckpoint START = new RoutingCheckpoint(null, AssignmentState.EMPTY, null);

    public RoutingCheckpoint {
        state = state == null ? AssignmentState.EMPTY : state;
        heldBackFor = heldBackFor == null ? Set.of() : Set.copyOf(new TreeSet<>(heldBackFor));
    }

    public RoutingCheckpoint(Instant changedAfter, AssignmentState state, Integer rulesVersion) {
        this(changedAfter, state, rulesVersion, Set.of());
    }
}

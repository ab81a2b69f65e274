package io.kehu.server.routing;

import java.time.Instant;

/**
 * Where routing stands: profiles changed after {@code changedAfter} have not been routed yet, and the
 * assignment strategies' memory to continue from. Persisted by {@link RoutingStateStore}.
 *
 * @param changedAfter null before the first complete walk (every profile is then routed)
 * @param rulesVersion the routing rules version the walk up to {@code changedAfter} ran under; another
 *                     version walks every profile again. Null in checkpoints stored before it was kept.
 */
public record RoutingCheckpoint(Instant changedAfter, AssignmentState state, Integer rulesVersion) {

    public static final RoutingCheckpoint START = new RoutingCheckpoint(null, AssignmentState.EMPTY, null);

    public RoutingCheckpoint {
        state = state == null ? AssignmentState.EMPTY : state;
    }
}

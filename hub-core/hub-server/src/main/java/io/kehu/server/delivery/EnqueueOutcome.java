package io.kehu.server.delivery;

/** What {@link Outbox#enqueue} did with a routing decision. */
public enum EnqueueOutcome {
    /** New, or changed since it was last queued: it will be delivered. */
    QUEUED,
    /** The same payload is already delivered, queued or failed: nothing to do. */
    UNCHANGED
}

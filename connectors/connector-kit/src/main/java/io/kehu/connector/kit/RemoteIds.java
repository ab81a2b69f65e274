package io.kehu.connector.kit;

import io.kehu.api.spi.StateStore;

import java.util.Optional;

/**
 * For destinations with no external-id upsert and no idempotent create: remembers, per idempotency
 * key, that a create was started and which record it made. A create whose answer was lost (timeout,
 * crash) leaves {@link #pending} set, and the plugin then looks the record up before creating again.
 */
public final class RemoteIds {

    private static final String PENDING = "pending";
    private final StateStore state;

    public RemoteIds(StateStore state) {
        this.state = state;
    }

    /** The record an earlier create made for this key. */
    public Optional<String> known(String idempotencyKey) {
        return state.get(key(idempotencyKey)).filter(v -> !PENDING.equals(v));
    }

    /** A create for this key was started and its outcome is unknown. */
    public boolean pending(String idempotencyKey) {
        return state.get(key(idempotencyKey)).filter(PENDING::equals).isPresent();
    }

    /** Call before sending a create: stored before the call, so a lost answer is noticed. */
    public void creating(String idempotencyKey) {
        state.put(key(idempotencyKey), PENDING);
    }

    public void created(String idempotencyKey, String remoteId) {
        state.put(key(idempotencyKey), remoteId);
    }

    /** The create certainly made nothing (the remote refused it). */
    public void forget(String idempotencyKey) {
        state.delete(key(idempotencyKey));
    }

    private static String key(String idempotencyKey) {
        return "remote-id:" + idempotencyKey;
    }
}

package io.kehu.connector.kit;

import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;

import java.util.Optional;

/**
 * The delivery of one lead to a destination that has neither an upsert by external id nor an
 * idempotent create: update when the record is known, create otherwise, and after a create whose
 * outcome is unknown look the record up before creating again, so a replay never makes a duplicate.
 */
public final class CreateOnce {

    /** The three calls of such a destination, for one delivery each. */
    public interface Remote {

        /**
         * Finds the record an earlier create for this delivery may have made, by the idempotency key the
         * create wrote into an external-key field.
         */
        Optional<String> find(Delivery delivery);

        /** Creates the record: {@code created(id)}, or a rejected/retry result for a per-record error. */
        DeliveryResult create(Delivery delivery);

        /** Updates the record {@code remoteId}: {@code updated(id)}, or a rejected/retry result. */
        DeliveryResult update(Delivery delivery, String remoteId);
    }

    private final RemoteIds ids;
    private final Remote remote;

    public CreateOnce(RemoteIds ids, Remote remote) {
        this.ids = ids;
        this.remote = remote;
    }

    public DeliveryResult deliver(Delivery delivery) {
        String key = delivery.idempotencyKey();
        String remoteId = delivery.remoteId() != null ? delivery.remoteId() : ids.known(key).orElse(null);
        if (remoteId == null && ids.pending(key)) {
            remoteId = remote.find(delivery).orElse(null);
            if (remoteId != null) {
                ids.created(key, remoteId);
            }
        }
        if (remoteId != null) {
            return remote.update(delivery, remoteId);
        }
        ids.creating(key);
        DeliveryResult result;
        try {
            result = remote.create(delivery);
        } catch (RemoteCallException e) {
            // A permanent refusal of the whole call (credentials, permissions) made nothing; a retryable
            // one may have, so the key stays pending and the next attempt looks the record up first.
            if (!e.retryable()) {
                ids.forget(key);
            }
            throw e;
        }
        if (result.succeeded()) {
            ids.created(key, result.remoteId());
        } else if (!result.retryable()) {
            ids.forget(key);
        }
        return result;
    }
}

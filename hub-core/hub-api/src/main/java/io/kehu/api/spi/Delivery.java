package io.kehu.api.spi;

import java.util.Map;

/**
 * One lead to create or update in a destination.
 *
 * @param idempotencyKey stable key of this profile in this destination, e.g. {@code kehu-<profileId>}; the
 *                       external id where the destination upserts by one, the transaction id where it
 *                       dedupes by one
 * @param profileId      the hub profile
 * @param remoteId       the destination's record id when known from an earlier delivery, else null
 * @param fields         mapped fields, destination field name to value
 * @param owner          the assigned owner in the destination's terms
 */
public record Delivery(String idempotencyKey, String profileId, String remoteId, Map<String, Object> fields, String owner) {
}

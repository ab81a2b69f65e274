package io.kehu.search;

import java.time.Instant;

/**
 * The claim of one normalized identifier by one profile; stored under the identifier's key, so
 * a create-if-absent makes the claim exclusive across hub nodes.
 */
public record IdentifierDoc(String key, String type, String profileId, String connectorId, String recordKey, Instant claimedAt) {
}

package io.kehu.search;

import java.time.Instant;

/**
 * One identifier of an erased person that ingest must refuse, stored under its salted hash: the
 * identifier itself is not kept.
 *
 * @param hash      hex SHA-256 of the salt and the normalized identifier key
 * @param type      the identifier's type prefix ({@code phone}, {@code email} …), for counts only
 * @param erasureId the erasure that asked for it
 */
public record SuppressionDoc(String hash, String type, String erasureId, Instant at) {
}

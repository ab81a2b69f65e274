package io.kehu.search;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One erasure request (PIPL Art. 47, GDPR Art. 17) and what it deleted. Holds no personal data: ids,
 * counts, who asked and why.
 *
 * @param mergedIds   the profiles that had been merged into the erased one, erased with it
 * @param actor       the name of the API key that asked
 * @param reason      as the admin gave it: it should not name the person
 * @param status      {@link #IN_PROGRESS} until the profile itself is deleted, then {@link #COMPLETED}
 * @param deleted     per kind of record ({@code interactions}, {@code identifiers} …), how many were deleted
 * @param suppressed  how many identifier hashes ingest now refuses
 * @param deliveredTo destination instances that had received the person before the erasure: their CRM
 *                    records stay (destinations have no delete) and must be erased there
 */
public record ErasureDoc(
        String id,
        String profileId,
        List<String> mergedIds,
        String actor,
        String reason,
        boolean suppress,
        String status,
        Instant requestedAt,
        Instant completedAt,
        Map<String, Long> deleted,
        long suppressed,
        List<String> deliveredTo) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    public ErasureDoc {
        mergedIds = mergedIds == null ? List.of() : List.copyOf(mergedIds);
        // In the order of the steps, for whoever reads the record.
        deleted = deleted == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(deleted));
        deliveredTo = deliveredTo == null ? List.of() : List.copyOf(deliveredTo);
    }

    /** Adds {@code n} to the count of one kind. */
    public ErasureDoc plus(String kind, long n) {
        Map<String, Long> next = new LinkedHashMap<>(deleted);
        next.merge(kind, n, Long::sum);
        return new ErasureDoc(id, profileId, mergedIds, actor, reason, suppress, status, requestedAt, completedAt, next,
                suppressed, deliveredTo);
    }

    public ErasureDoc withSuppressed(long n) {
        return new ErasureDoc(id, profileId, mergedIds, actor, reason, suppress, status, requestedAt, completedAt,
                deleted, n, deliveredTo);
    }

    public ErasureDoc completed(Instant at) {
        return new ErasureDoc(id, profileId, mergedIds, actor, reason, suppress, COMPLETED, requestedAt, at, deleted,
                suppressed, deliveredTo);
    }

    /** One erasure per profile: a repeated request continues the record of the first. */
    public static String idOf(String profileId) {
        return "erasure-" + profileId;
    }
}

package io.kehu.api.domain;

import java.util.Objects;

/**
 * One unit a source connector hands to the hub: who (the lead) and, optionally, what happened
 * (the interaction).
 *
 * @param key         idempotency key of the record (file hash + row, message id …); replaying a
 *                    record with the same key changes nothing
 * @param position    where the record came from, for reports (e.g. {@code row 17})
 * @param lead        the person
 * @param interaction the touch point, or null
 */
public record SourceRecord(String key, String position, Lead lead, Interaction interaction) {

    public SourceRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lead, "lead");
    }
}

package io.kehu.api.domain;

import java.time.Instant;
import java.util.List;

/**
 * An audit entry: profiles {@code merged} were folded into {@code survivor} because the record
 * {@code recordKey} carried identifiers {@code linkingIdentifiers} of both.
 */
public record MergeRecord(
        String id,
        String survivor,
        List<String> merged,
        List<String> linkingIdentifiers,
        String recordKey,
        String connectorId,
        Instant at) {

    public MergeRecord {
        merged = List.copyOf(merged);
        linkingIdentifiers = List.copyOf(linkingIdentifiers);
    }
}

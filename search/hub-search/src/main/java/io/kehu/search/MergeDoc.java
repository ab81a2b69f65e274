package io.kehu.search;

import io.kehu.api.domain.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A merge as stored: who survived, who was folded in, the identifiers that linked them, and a
 * snapshot of each folded profile so the merge can be audited and undone.
 */
public record MergeDoc(
        String id,
        String survivor,
        List<String> merged,
        List<String> linkingIdentifiers,
        String recordKey,
        String connectorId,
        Instant at,
        Map<String, Profile> snapshots) {
}

package io.kehu.search;

import io.kehu.api.domain.Profile;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A merge as stored: who survived, who was folded in, the identifiers that linked them, and a
 * snapshot of each folded profile so the merge can be audited and undone.
 *
 * @param undo null while the merge stands; once someone undoes it, who, when and how far it got
 */
public record MergeDoc(
        String id,
        String survivor,
        List<String> merged,
        List<String> linkingIdentifiers,
        String recordKey,
        String connectorId,
        Instant at,
        Map<String, Profile> snapshots,
        Undo undo) {

    /** A merge nobody undid. */
    public MergeDoc(String id, String survivor, List<String> merged, List<String> linkingIdentifiers, String recordKey,
                    String connectorId, Instant at, Map<String, Profile> snapshots) {
        this(id, survivor, merged, linkingIdentifiers, recordKey, connectorId, at, snapshots, null);
    }

    public MergeDoc withUndo(Undo next) {
        return new MergeDoc(id, survivor, merged, linkingIdentifiers, recordKey, connectorId, at, snapshots, next);
    }

    public boolean undone() {
        return undo != null && Undo.DONE.equals(undo.state());
    }

    /**
     * The undoing of a merge. It is recorded as {@code started} before its first write, so a repeat after a
     * crash knows the half-restored profiles are its own and finishes with the same decisions.
     *
     * @param state     {@link #STARTED} or {@link #DONE}
     * @param by        the API key's name
     * @param startedAt when the first attempt began
     * @param at        when it was done; null while started
     * @param linking   what became of each linking identifier: {@code keep-survivor}, {@code keep-restored}, {@code block}
     */
    public record Undo(String state, String by, Instant startedAt, Instant at, Map<String, String> linking) {
        public static final String STARTED = "started";
        public static final String DONE = "done";

        public Undo done(Instant when) {
            return new Undo(DONE, by, startedAt, when, linking);
        }
    }
}

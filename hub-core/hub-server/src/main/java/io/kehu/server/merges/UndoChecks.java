package io.kehu.server.merges;

import io.kehu.api.domain.Profile;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.StateDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.StoredProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What must hold before a merge is undone, each refusal saying what to do first: the survivor still
 * exists (was not merged away later), no folded-in id exists again, and every identifier to move back is
 * still claimed by the survivor (or already by its owner).
 */
final class UndoChecks {

    private final Documents docs;
    private final IndexNames names;
    private final ProfileStore profiles;

    UndoChecks(Documents docs, IndexNames names, ProfileStore profiles) {
        this.docs = docs;
        this.names = names;
        this.profiles = profiles;
    }

    /** Checks made before the first write, while refusing still leaves everything as it was. */
    void refuseUnsafe(MergeDoc merge, Map<String, String> owners) {
        survivor(merge);
        for (String r : merge.merged()) {
            if (docs.get(names.profiles(), r, StoredProfile.class).isPresent()) {
                throw new MergeUndoException("A profile with id " + r + " exists again, so merge " + merge.id()
                        + " cannot restore it");
            }
            Optional<VersionedDoc<StateDoc>> redirect =
                    docs.get(names.state(), StateDoc.id(ProfileStore.MERGED_INTO, r), StateDoc.class);
            if (redirect.isPresent() && !redirect.get().source().value().equals(merge.survivor())) {
                throw new MergeUndoException("Profile " + r + " now redirects to " + redirect.get().source().value()
                        + ", not to " + merge.survivor() + "; undo the merges of " + redirect.get().source().value()
                        + " first");
            }
        }
        Map<String, VersionedDoc<IdentifierDoc>> claims =
                docs.mget(names.identifiers(), owners.keySet(), IdentifierDoc.class);
        claims.forEach((key, c) -> {
            if (!c.source().profileId().equals(owners.get(key))) {
                claimMovable(merge, key, c.source().profileId());
            }
        });
    }

    /** The survivor as stored now; refused when it was folded into another profile since. */
    VersionedDoc<StoredProfile> survivor(MergeDoc merge) {
        String s = merge.survivor();
        return docs.get(names.profiles(), s, StoredProfile.class).orElseThrow(() -> {
            Optional<String> later = profiles.survivorOf(s);
            if (later.isEmpty()) {
                return new MergeUndoException("Profile " + s + ", the survivor of merge " + merge.id()
                        + ", no longer exists; nothing can be restored into place next to it");
            }
            String laterMerge = profiles.mergesOf(s).stream()
                    .filter(m -> m.merged().contains(s) && !m.undone()).map(MergeDoc::id).findFirst().orElse("?");
            return new MergeUndoException("Profile " + s + ", the survivor of merge " + merge.id()
                    + ", was merged into " + later.get() + " later; undo merge " + laterMerge + " (of profile "
                    + later.get() + ") first");
        });
    }

    /** A claim may move when it is held by a profile of this merge, which is where the merge left it. */
    void claimMovable(MergeDoc merge, String key, String holder) {
        if (!holder.equals(merge.survivor()) && !merge.merged().contains(holder)) {
            throw new MergeUndoException("Identifier " + key + " is now claimed by profile " + holder
                    + ", not by the profiles of merge " + merge.id() + ": it moved since the merge; undo the merges of "
                    + holder + " first");
        }
    }

    /** Snapshots of the other profiles folded into the survivor and not restored: they vouch for shared values. */
    List<Profile> stillFoldedInto(MergeDoc merge) {
        List<Profile> out = new ArrayList<>();
        for (MergeDoc m : profiles.mergesOf(merge.survivor())) {
            if (!m.id().equals(merge.id()) && m.survivor().equals(merge.survivor()) && !m.undone()
                    && m.snapshots() != null) {
                out.addAll(m.snapshots().values());
            }
        }
        return out;
    }
}

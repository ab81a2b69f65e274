package io.kehu.server.ingest;

import io.kehu.api.domain.Profile;
import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.LifecycleCalculator.Transition;
import io.kehu.server.lifecycle.ProfileLifecycle;
import java.util.List;

/**
 * What resolving one person of a batch decided, and the writes that carry it out.
 *
 * @param records      the batch's records for this person
 * @param profile      the profile as it will be written
 * @param isNew        whether the profile does not exist yet (create) or is updated
 * @param seqNo        for updates, the seq_no read; the write fails if someone wrote since
 * @param primaryTerm  for updates, the primary term read
 * @param write        false when the profile would not change (a replay): no profile write
 * @param claims       identifier keys not claimed by anybody yet: created, exclusive
 * @param repoints     identifier keys claimed by a profile that is being folded in: overwritten
 * @param absorbed     profiles folded into this one, with the versions read
 * @param linking      for a merge, the keys of this batch that linked the profiles
 * @param interactions the batch's interactions for this person, one per id (replays included: rewriting is harmless)
 * @param lifecycle    the profile's lifecycle after folding in the new interactions and merged profiles
 * @param changes      the stage changes that produced it
 */
record GroupPlan(
        List<NormalizedRecord> records,
        Profile profile,
        boolean isNew,
        long seqNo,
        long primaryTerm,
        boolean write,
        List<String> claims,
        List<String> repoints,
        List<Absorbed> absorbed,
        List<String> linking,
        List<InteractionDoc> interactions,
        ProfileLifecycle lifecycle,
        List<Transition> changes) {

    /** A profile being folded in, with its lifecycle (null if it had none) and the version its delete is conditional on. */
    record Absorbed(Profile profile, ProfileLifecycle lifecycle, long seqNo, long primaryTerm) {
    }

    boolean merges() {
        return !absorbed.isEmpty();
    }
}

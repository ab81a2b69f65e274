package io.kehu.server.merges;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.api.domain.Profile;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.StageChangeDoc;
import io.kehu.search.StateDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StageChangeEvent;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.lifecycle.SummaryRebuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a merge (拆分): restores each folded-in profile from its snapshot under its old id, points its
 * identifiers back at it, gives it its destination records back ({@link Outbox#giveBack}), takes it out of the
 * survivor, records the pair as never to be merged again and rebuilds both lifecycles from their timelines.
 * The merge record says {@code started} before the first write and {@code done} after the last; the writes in
 * between are ordered so a repeat of the request after a crash at any point finishes the job: pairs and
 * blocks, restored profiles (created only if absent, so a repeat never overwrites what ingest wrote to them
 * since), claims (conditional on the version read), outbox entries (planned from what they are now), the
 * survivor (conditional, recomputed from what it is now), then the merge redirects.
 */
public final class MergeUndoService {

    private static final Logger log = LoggerFactory.getLogger(MergeUndoService.class);
    private static final int ATTEMPTS = 5;

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final ProfileStore profiles;
    private final NeverMergePairs pairs;
    private final BlockedIdentifiers blocked;
    private final UndoLifecycles lifecycles;
    private final StageChangeRecorder recorder;
    private final UndoChecks checks;
    private final Outbox outbox;
    private final Clock clock;
    /** Told after an undo (routing's wake-up): both profiles changed. Cheap, never throws. */
    private volatile Runnable afterChange = () -> { };

    public MergeUndoService(Documents docs, BulkWriter bulk, IndexNames names, NeverMergePairs pairs,
                            BlockedIdentifiers blocked, LifecycleRules rules, SummaryRebuilder rebuilder,
                            StageChangeRecorder recorder, Outbox outbox, Clock clock) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
        this.profiles = new ProfileStore(docs, names);
        this.pairs = pairs;
        this.blocked = blocked;
        this.lifecycles = new UndoLifecycles(rules, rebuilder);
        this.recorder = recorder;
        this.checks = new UndoChecks(docs, names, profiles);
        this.outbox = outbox;
        this.clock = clock;
    }

    public void afterChange(Runnable listener) {
        this.afterChange = listener;
    }

    /** The undone merge record and the two (or more) profiles as they are now. */
    public record Outcome(MergeDoc merge, Profile survivor, List<Profile> restored) {
    }

    /**
     * @param profileId the survivor or one of the folded-in profiles
     * @param choices   what becomes of linking identifiers; absent ones go back to whoever held them before
     * @param by        the API key's name
     */
    public Outcome undo(String profileId, String mergeId, Map<String, LinkingChoice> choices, String by) {
        Instant now = clock.instant();
        MergeDoc merge = begin(profileId, mergeId, choices, by, now);
        // A repeat after a crash: the first attempt's decisions stand, whatever this request says.
        Map<String, LinkingChoice> decided = new LinkedHashMap<>();
        if (merge.undo().linking() != null) {
            merge.undo().linking().forEach((k, v) -> decided.put(k, LinkingChoice.parse(v)));
        }
        Map<String, String> owners = UndoPlanner.owners(merge, decided);

        keepApart(merge, decided, by, now);
        VersionedDoc<StoredProfile> survivor = checks.survivor(merge);
        ProfileLifecycle shown = survivor.source().lifecycle();
        List<StageChangeEvent> events = new ArrayList<>();
        restore(merge, owners, shown, by, now, events);
        moveClaims(merge, owners, now);
        int records = outbox.giveBack(merge.id(), merge.survivor(), merge.merged());
        Profile trimmed = trimSurvivor(merge, owners, shown, by, now, events);
        List<BulkOperation> ops = new ArrayList<>();
        for (String r : merge.merged()) {
            ops.add(BulkOperation.of(b -> b.delete(d -> d.index(names.state()).id(StateDoc.id(ProfileStore.MERGED_INTO, r)))));
        }
        // A redirect already gone (a repeat) is what this write wants.
        bulk.execute(ops, true).stream().filter(r -> r.status() != 404).forEach(r -> failUnlessOk(r, "redirect"));
        MergeDoc done = merge.withUndo(merge.undo().done(now));
        docs.put(names.merges(), done.id(), done, true);

        recorder.publish(events);
        afterChange.run();
        log.info("Merge {} undone by {}: {} restored next to {}, {} destination record(s) given back", mergeId, by,
                done.merged(), done.survivor(), records);
        List<Profile> restored = merge.merged().stream().map(profiles::get).flatMap(Optional::stream).toList();
        return new Outcome(done, trimmed, restored);
    }

    /**
     * The merge record marked {@code started}, after the checks that must pass while refusing still leaves
     * everything as it was; or the record as a crashed attempt left it, to finish.
     */
    private MergeDoc begin(String profileId, String mergeId, Map<String, LinkingChoice> choices, String by, Instant now) {
        VersionedDoc<MergeDoc> read = docs.get(names.merges(), mergeId, MergeDoc.class)
                .orElseThrow(() -> new NotFoundException("No merge with id " + mergeId));
        MergeDoc merge = read.source();
        if (!merge.survivor().equals(profileId) && !merge.merged().contains(profileId)) {
            throw new NotFoundException("Profile " + profileId + " took no part in merge " + mergeId);
        }
        if (merge.undone()) {
            throw new MergeUndoException("Merge " + mergeId + " was already undone by " + merge.undo().by() + " at "
                    + merge.undo().at());
        }
        if (merge.undo() != null) {
            log.info("Finishing the undo of merge {} that {} started at {}", mergeId, merge.undo().by(),
                    merge.undo().startedAt());
            return merge;
        }
        checks.refuseUnsafe(merge, UndoPlanner.owners(merge, choices));
        Map<String, String> wire = new LinkedHashMap<>();
        choices.forEach((k, c) -> wire.put(k, c.wire()));
        MergeDoc started = merge.withUndo(new MergeDoc.Undo(MergeDoc.Undo.STARTED, by, now, null, wire));
        BulkItemResult r = bulk.execute(List.of(BulkOperation.of(b -> b.index(x -> x.index(names.merges())
                .id(mergeId).document(started).ifSeqNo(read.seqNo()).ifPrimaryTerm(read.primaryTerm())))), true).get(0);
        if (r.conflict()) {
            throw new MergeUndoException("Merge " + mergeId + " changed while it was read (another undo?); look at it again");
        }
        failUnlessOk(r, "merge record");
        return started;
    }

    /** The never-merge pairs and the blocked identifiers come first: from then on nothing links the two again. */
    private void keepApart(MergeDoc merge, Map<String, LinkingChoice> choices, String by, Instant now) {
        List<BulkOperation> ops = new ArrayList<>();
        merge.merged().forEach(r -> ops.add(pairs.record(merge.survivor(), r, merge.id(), now)));
        List<String> blocking = new ArrayList<>();
        choices.forEach((key, c) -> {
            if (c == LinkingChoice.BLOCK) {
                ops.add(blocked.addOperation(key, by, "linked the profiles of merge " + merge.id()));
                blocking.add(key);
            }
        });
        bulk.executeAll(ops, true, "never-merge pair and block list");
        blocked.written(blocking);
    }

    private void restore(MergeDoc merge, Map<String, String> owners, ProfileLifecycle shown, String by, Instant now,
                         List<StageChangeEvent> events) {
        List<BulkOperation> creates = new ArrayList<>();
        List<Profile> restored = UndoPlanner.restored(merge, owners, now);
        List<UndoLifecycles.Rebuilt> rebuilt = new ArrayList<>();
        for (Profile p : restored) {
            UndoLifecycles.Rebuilt l = lifecycles.rebuild(p, null, shown, merge.id(), now);
            StoredProfile stored = new StoredProfile(p, l.lifecycle());
            // Created only if absent: one that exists is this undo's own from an attempt that crashed, and
            // ingest may have written to it since.
            creates.add(BulkOperation.of(b -> b.create(c -> c.index(names.profiles()).id(p.id()).document(stored))));
            rebuilt.add(l);
        }
        List<BulkItemResult> results = bulk.execute(creates, true);
        List<BulkOperation> ops = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).conflict()) {
                failUnlessOk(results.get(i), "restored profile");
                events.addAll(stageChanges(restored.get(i), rebuilt.get(i), by, ops));
            }
        }
        bulk.executeAll(ops, true, "stage change");
    }

    private void moveClaims(MergeDoc merge, Map<String, String> owners, Instant now) {
        Map<String, VersionedDoc<IdentifierDoc>> claims = docs.mget(names.identifiers(), owners.keySet(), IdentifierDoc.class);
        List<BulkOperation> ops = new ArrayList<>();
        owners.forEach((key, owner) -> {
            VersionedDoc<IdentifierDoc> c = claims.get(key);
            if (c == null) {
                IdentifierDoc doc = new IdentifierDoc(key, key.substring(0, key.indexOf(':')), owner, null, null, now);
                ops.add(BulkOperation.of(b -> b.create(x -> x.index(names.identifiers()).id(key).document(doc))));
            } else if (!c.source().profileId().equals(owner)) {
                checks.claimMovable(merge, key, c.source().profileId());
                IdentifierDoc old = c.source();
                IdentifierDoc doc = new IdentifierDoc(key, old.type(), owner, old.connectorId(), old.recordKey(), now);
                ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.identifiers()).id(key).document(doc)
                        .ifSeqNo(c.seqNo()).ifPrimaryTerm(c.primaryTerm()))));
            }
        });
        for (BulkItemResult r : bulk.execute(ops, false)) {
            if (r.conflict()) {
                throw new MergeUndoException("The claim of identifier " + r.id() + " changed while merge " + merge.id()
                        + " was being undone; repeat the request to finish it");
            }
            failUnlessOk(r, "identifier claim");
        }
    }

    private Profile trimSurvivor(MergeDoc merge, Map<String, String> owners, ProfileLifecycle shown, String by,
                                 Instant now, List<StageChangeEvent> events) {
        List<Profile> stillFoldedIn = checks.stillFoldedInto(merge);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            VersionedDoc<StoredProfile> s = checks.survivor(merge);
            Profile trimmed = UndoPlanner.survivor(merge, owners, s.source().profile(), stillFoldedIn, now);
            UndoLifecycles.Rebuilt l = lifecycles.rebuild(trimmed, s.source().lifecycle(), shown, merge.id(), now);
            StoredProfile next = new StoredProfile(trimmed, l.lifecycle());
            BulkItemResult r = bulk.execute(List.of(BulkOperation.of(b -> b.index(x -> x.index(names.profiles())
                    .id(trimmed.id()).document(next).ifSeqNo(s.seqNo()).ifPrimaryTerm(s.primaryTerm())))), true).get(0);
            if (r.conflict()) {
                continue;
            }
            failUnlessOk(r, "survivor profile");
            List<BulkOperation> ops = new ArrayList<>();
            // Once written, the survivor shows the new stage: a repeat sees no change to record.
            events.addAll(stageChanges(trimmed, l, by, ops));
            bulk.executeAll(ops, true, "stage change");
            return trimmed;
        }
        throw HubException.retryable("Profile " + merge.survivor() + " kept changing while merge " + merge.id()
                + " was undone; repeat the request to finish it", null);
    }

    private List<StageChangeEvent> stageChanges(Profile p, UndoLifecycles.Rebuilt l, String by, List<BulkOperation> ops) {
        List<StageChangeEvent> out = new ArrayList<>();
        for (StageChangeDoc d : recorder.docs(p.id(), l.changes(), "undo:" + by, l.rulesVersion())) {
            ops.addAll(recorder.operations(d));
            out.add(StageChangeRecorder.event(d, p, l.lifecycle()));
        }
        return out;
    }

    private static void failUnlessOk(BulkItemResult r, String what) {
        if (r.ok()) {
            return;
        }
        // Elasticsearch's reason can quote field values (personal data): DEBUG only.
        log.debug("A {} write failed: {}", what, r.reason());
        throw r.retryable() || r.conflict()
                ? HubException.retryable("Elasticsearch refused a " + what + " write (" + r.errorType()
                        + "); repeat the request to finish the undo", null)
                : new HubException(HubException.Kind.BUG, "A " + what + " write failed: " + r.errorType());
    }
}

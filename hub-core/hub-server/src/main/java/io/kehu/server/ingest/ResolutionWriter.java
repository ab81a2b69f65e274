package io.kehu.server.ingest;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Profile;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.InteractionDoc;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.StageChangeDoc;
import io.kehu.search.StateDoc;
import io.kehu.server.lifecycle.StageChangeEvent;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.lifecycle.StoredProfile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Carries out resolution plans in up to four bulk requests, ordered so that a crash between any two
 * leaves a state the next replay repairs: (1) claim new identifiers, (2) write profiles with their
 * lifecycles, merge records and merge redirects, (3) delete folded-in profiles and write the
 * interactions and stage changes, (4) re-point the identifiers of the folded-in profiles that are gone.
 * A claim that points at a missing profile is adopted or followed through the merge record.
 */
final class ResolutionWriter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResolutionWriter.class);

    private final BulkWriter bulk;
    private final IndexNames names;
    private final StageChangeRecorder stageChanges;

    ResolutionWriter(BulkWriter bulk, IndexNames names, StageChangeRecorder stageChanges) {
        this.bulk = bulk;
        this.names = names;
        this.stageChanges = stageChanges;
    }

    /**
     * Executes the plans.
     *
     * @return the plans that lost a race (a claim or version conflict) and must be resolved again
     */
    List<GroupPlan> write(List<GroupPlan> plans, String connectorId, Instant now, boolean refresh) {
        // Three small methods rather than one long one: the JIT compiles them apart, and an import
        // no longer pays for recompiling one big method each time a branch in it turns hot.
        Set<Integer> lost = new TreeSet<>();
        claimIdentifiers(plans, connectorId, now, lost);
        writeProfiles(plans, connectorId, now, refresh, lost);
        writeFoldInsAndInteractions(plans, connectorId, now, refresh, lost);
        repointIdentifiers(plans, connectorId, now, lost);
        return lost.stream().map(plans::get).toList();
    }

    /** 1. Claims first: a profile is never written without its identifiers pointing at it. */
    private void claimIdentifiers(List<GroupPlan> plans, String connectorId, Instant now, Set<Integer> lost) {
        List<BulkOperation> ops = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            GroupPlan p = plans.get(i);
            for (String key : p.claims()) {
                IdentifierDoc doc = identifier(key, p, connectorId, now);
                ops.add(BulkOperation.of(b -> b.create(c -> c.index(names.identifiers()).id(key).document(doc))));
                owner.add(i);
            }
        }
        collect(bulk.execute(ops, false), owner, lost, "identifier claim");
    }

    /** 2. Profiles (conditional on the version read) and merge records. */
    private void writeProfiles(List<GroupPlan> plans, String connectorId, Instant now, boolean refresh, Set<Integer> lost) {
        List<BulkOperation> ops = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            GroupPlan p = plans.get(i);
            if (lost.contains(i) || !p.write()) {
                continue;
            }
            ops.add(profileOperation(p));
            owner.add(i);
            if (p.merges()) {
                for (BulkOperation op : mergeOperations(p, connectorId, now)) {
                    ops.add(op);
                    owner.add(i);
                }
            }
        }
        collect(bulk.execute(ops, refresh), owner, lost, "profile");
    }

    private BulkOperation profileOperation(GroupPlan p) {
        Profile profile = p.profile();
        StoredProfile stored = new StoredProfile(profile, p.lifecycle());
        if (p.isNew()) {
            return BulkOperation.of(b -> b.create(c -> c.index(names.profiles()).id(profile.id()).document(stored)));
        }
        return BulkOperation.of(b -> b.index(x -> x.index(names.profiles()).id(profile.id()).document(stored)
                .ifSeqNo(p.seqNo()).ifPrimaryTerm(p.primaryTerm())));
    }

    /** The merge record and, per folded-in profile, its redirect to the survivor. */
    private List<BulkOperation> mergeOperations(GroupPlan p, String connectorId, Instant now) {
        List<BulkOperation> ops = new ArrayList<>();
        MergeDoc merge = mergeDoc(p, connectorId, now);
        ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.merges()).id(merge.id()).document(merge))));
        for (GroupPlan.Absorbed a : p.absorbed()) {
            // Redirects are read by id (real-time), so a merge is followed before the next refresh.
            StateDoc redirect = new StateDoc(ProfileStore.MERGED_INTO, a.profile().id(), p.profile().id(), now);
            ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.state())
                    .id(StateDoc.id(redirect.scope(), redirect.key())).document(redirect))));
        }
        return ops;
    }

    /**
     * 3. Fold-ins (delete the absorbed profiles), the interactions, keyed by their idempotency key, and the
     * stage changes, in one request: an interaction written for a plan that loses its race here is rewritten,
     * same id, when the plan is resolved again.
     */
    private void writeFoldInsAndInteractions(List<GroupPlan> plans, String connectorId, Instant now, boolean refresh,
                                             Set<Integer> lost) {
        List<BulkOperation> ops = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        Map<Integer, StageChangeEvent> changeAt = new LinkedHashMap<>();
        for (int i = 0; i < plans.size(); i++) {
            GroupPlan p = plans.get(i);
            if (lost.contains(i)) {
                continue;
            }
            int first = ops.size();
            for (GroupPlan.Absorbed a : p.absorbed()) {
                ops.add(BulkOperation.of(b -> b.delete(d -> d.index(names.profiles()).id(a.profile().id())
                        .ifSeqNo(a.seqNo()).ifPrimaryTerm(a.primaryTerm()))));
            }
            for (InteractionDoc doc : p.interactions()) {
                ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.interactions()).id(doc.id()).document(doc))));
            }
            if (p.write()) {
                addStageChanges(p, ops, changeAt);
            }
            for (int k = first; k < ops.size(); k++) {
                owner.add(i);
            }
        }
        List<BulkItemResult> results = bulk.execute(ops, refresh);
        collect(results, owner, lost, "merge, interaction and stage change");
        // The profile bulk stored the new stage; this one stored its record. Only then are listeners told.
        stageChanges.publish(changeAt.entrySet().stream()
                .filter(e -> results.get(e.getKey()).ok()).map(Map.Entry::getValue).toList());
    }

    /**
     * 4. Only once a folded-in profile is gone do its identifiers follow the survivor. Had its delete lost a race
     * (someone wrote to it meanwhile) and its identifiers moved anyway, nothing would point at it any more and
     * it would stay behind as a second profile of the person; left pointing at it, the next round folds it again.
     */
    private void repointIdentifiers(List<GroupPlan> plans, String connectorId, Instant now, Set<Integer> lost) {
        List<BulkOperation> ops = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            GroupPlan p = plans.get(i);
            if (lost.contains(i)) {
                continue;
            }
            for (String key : p.repoints()) {
                IdentifierDoc doc = identifier(key, p, connectorId, now);
                ops.add(BulkOperation.of(b -> b.index(x -> x.index(names.identifiers()).id(key).document(doc))));
                owner.add(i);
            }
        }
        if (!ops.isEmpty()) {
            collect(bulk.execute(ops, false), owner, lost, "identifier re-point");
        }
    }

    private void addStageChanges(GroupPlan p, List<BulkOperation> ops, Map<Integer, StageChangeEvent> changeAt) {
        for (StageChangeDoc change : stageChanges.docs(p.profile().id(), p.changes(), StageChangeRecorder.BY_RULES,
                p.lifecycle().rulesVersion())) {
            changeAt.put(ops.size(), StageChangeRecorder.event(change, p.profile(), p.lifecycle()));
            ops.addAll(stageChanges.operations(change));
        }
    }

    private static void collect(List<BulkItemResult> results, List<Integer> owner, Set<Integer> lost, String what) {
        for (BulkItemResult r : results) {
            if (r.ok()) {
                continue;
            }
            if (r.conflict()) {
                lost.add(owner.get(r.position()));
            } else if (r.retryable()) {
                throw HubException.retryable("Elasticsearch pushed back on a " + what + " write (" + r.errorType() + ")", null);
            } else {
                // Elasticsearch's reason can quote field values (personal data): DEBUG only.
                log.debug("A {} write failed: {}", what, r.reason());
                throw new HubException(HubException.Kind.BUG,
                        "A " + what + " write failed: " + r.errorType());
            }
        }
    }

    private static IdentifierDoc identifier(String key, GroupPlan p, String connectorId, Instant now) {
        String type = key.substring(0, key.indexOf(':'));
        String recordKey = p.records().stream()
                .filter(r -> r.keys().contains(key))
                .map(r -> r.record().key()).findFirst().orElse(null);
        return new IdentifierDoc(key, IdentifierType.fromPrefix(type).prefix(), p.profile().id(), connectorId, recordKey, now);
    }

    private static MergeDoc mergeDoc(GroupPlan p, String connectorId, Instant now) {
        List<String> merged = p.absorbed().stream().map(a -> a.profile().id()).sorted().toList();
        Map<String, Profile> snapshots = new LinkedHashMap<>();
        p.absorbed().forEach(a -> snapshots.put(a.profile().id(), a.profile()));
        String recordKey = p.records().get(0).record().key();
        String id = MergeIds.of(p.profile().id(), merged);
        return new MergeDoc(id, p.profile().id(), merged, p.linking(), recordKey, connectorId, now, snapshots);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

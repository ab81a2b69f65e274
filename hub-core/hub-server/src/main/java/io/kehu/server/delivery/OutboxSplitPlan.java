package io.kehu.server.delivery;

import io.kehu.search.OutboxDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Works out the next writes that give the restored profiles of an undone merge their destination records
 * back, from the outbox entries as they are now. Pure: the split is done in steps, each one planned from what
 * the previous one left, so a repeat after a crash at any point carries on and a finished split plans nothing.
 *
 * <p>Per destination, where the survivor's entry holds a restored profile's record (its record key is the one
 * that profile's entry has: carry-over keeps the key) the record goes back in three steps, so that it belongs
 * to exactly one live entry at every moment:
 * <ol>
 *   <li>the survivor's entry is retired into the restored profile: nothing delivers it any more;</li>
 *   <li>the restored profile's entry takes the record (id, key, delivery state) and comes back with its own
 *       payload and owner: queued as an update when the record last got something else (the survivor's data);</li>
 *   <li>the survivor's retired entry is deleted, so routing creates the survivor's own record if it still
 *       qualifies.</li>
 * </ol>
 * Where the survivor holds no record of the restored profile (it had its own, so nothing was carried), the
 * restored profile's retired entry comes back as it was before the merge.
 */
final class OutboxSplitPlan {

    /** One write: {@code next} replaces the entry {@code current} (null: create); a null {@code next} deletes it. */
    record Step(String id, OutboxDoc current, OutboxDoc next) {

        boolean delete() {
            return next == null;
        }
    }

    private OutboxSplitPlan() {
    }

    /**
     * @param entries every outbox entry of the survivor and the restored profiles, any destination
     * @return the next writes; empty when the split is complete
     */
    static List<Step> next(String mergeId, String survivor, Collection<String> restored, Collection<OutboxDoc> entries,
                           Instant now) {
        Map<String, Map<String, OutboxDoc>> byDestination = new TreeMap<>();
        for (OutboxDoc d : entries) {
            byDestination.computeIfAbsent(d.destination(), k -> new LinkedHashMap<>()).put(d.profileId(), d);
        }
        List<Step> steps = new ArrayList<>();
        byDestination.forEach((destination, byProfile) -> {
            OutboxDoc s = byProfile.get(survivor);
            for (String id : restored) {
                OutboxDoc r = byProfile.get(id);
                String key = r != null ? r.recordKey() : OutboxDoc.key(id);
                boolean holdsItsRecord = s != null && s.recordKey().equals(key);
                if (holdsItsRecord && !OutboxDoc.MERGED.equals(s.status())) {
                    steps.add(new Step(s.id(), s, s.retiredInto(id, now)));
                } else if (holdsItsRecord && id.equals(s.mergedInto())) {
                    steps.add(handOver(mergeId, id, s, r, now));
                } else if (r != null && OutboxDoc.MERGED.equals(r.status()) && survivor.equals(r.mergedInto())) {
                    steps.add(new Step(r.id(), r, reactivated(r, mergeId, now)));
                }
            }
        });
        return steps;
    }

    /** Steps 2 and 3: the restored profile takes the record from the survivor's retired entry, which then goes. */
    private static Step handOver(String mergeId, String id, OutboxDoc s, OutboxDoc r, Instant now) {
        if (r == null || OutboxDoc.MERGED.equals(r.status())) {
            OutboxDoc returned = returned(mergeId, id, s, r, now);
            return new Step(returned.id(), r, returned);
        }
        if (r.remoteId() == null && s.remoteId() != null) {
            // A call in flight for the survivor's entry learned the record id after the hand-over: keep it.
            return new Step(r.id(), r, r.withRemoteId(s.remoteId(), now));
        }
        return new Step(s.id(), s, null);
    }

    /**
     * The restored profile's entry with the record the survivor held: same record id, key and delivery
     * history; its own payload and owner (the survivor's where it has no entry of its own left). When the
     * record last got another payload, this one is queued at once as an update of it.
     */
    private static OutboxDoc returned(String mergeId, String id, OutboxDoc s, OutboxDoc r, Instant now) {
        OutboxDoc own = r != null ? r : s;
        String before = statusBefore(s);
        boolean same = own.payloadHash() != null && own.payloadHash().equals(s.payloadHash());
        String status = same ? before : OutboxDoc.PENDING;
        int attempts = same ? s.attempts() : 0;
        Instant due = OutboxDoc.PENDING.equals(status) ? now : null;
        String key = s.recordKey();
        return new OutboxDoc(s.destination(), id, own.ruleId(), own.fields(), own.overrides(), own.owner(),
                own.payloadHash(), status, s.remoteId() != null ? s.remoteId() : own.remoteId(), attempts, due,
                s.lastOutcome(), s.lastCode(), s.lastMessage(), s.lastAttemptAt(), s.deliveredAt(),
                r != null ? r.createdAt() : s.createdAt(), now, key.equals(OutboxDoc.key(id)) ? null : key, null, null,
                mergeId);
    }

    /**
     * A retired entry as it was before the merge. An entry retired by a hub that did not keep the status is
     * queued again: an update of its record with its own payload (or a new try) is harmless, leaving it
     * delivered might leave the record without an update it was waiting for.
     */
    private static OutboxDoc reactivated(OutboxDoc r, String mergeId, Instant now) {
        String status = r.statusBeforeMerge() != null ? r.statusBeforeMerge() : OutboxDoc.PENDING;
        int attempts = r.statusBeforeMerge() != null ? r.attempts() : 0;
        return new OutboxDoc(r.destination(), r.profileId(), r.ruleId(), r.fields(), r.overrides(), r.owner(),
                r.payloadHash(), status, r.remoteId(), attempts, OutboxDoc.PENDING.equals(status) ? now : null,
                r.lastOutcome(), r.lastCode(), r.lastMessage(), r.lastAttemptAt(), r.deliveredAt(), r.createdAt(), now,
                r.remoteKey(), null, null, mergeId);
    }

    private static String statusBefore(OutboxDoc s) {
        if (s.statusBeforeMerge() != null) {
            return s.statusBeforeMerge();
        }
        return s.remoteId() != null ? OutboxDoc.DELIVERED : OutboxDoc.PENDING;
    }
}

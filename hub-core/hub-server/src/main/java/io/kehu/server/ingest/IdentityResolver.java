package io.kehu.server.ingest;

import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Profile;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.InteractionDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.LifecycleCalculator;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.merges.NeverMergePairs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, for each person of a batch, which profile their records belong to: reads the claims of
 * all the batch's identifiers (and, in the same request, which of its interactions are stored already)
 * and the claimed profiles in two multi-gets, then plans creates, updates and merges, each with the
 * profile's next lifecycle. Nothing is written here; {@link ResolutionWriter} executes the plans.
 */
final class IdentityResolver {

    /**
     * A claim younger than this that points at a profile that does not exist is taken for another writer's
     * creation in flight (its claim is written before its profile), not for a crash's leftover: adopting it
     * then would leave that writer's profile without claims, a duplicate person.
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(30);

    /**
     * The plans of a round, and the groups that must wait for a profile another writer is creating.
     *
     * @param waiting groups to resolve again in the next round, once the other writer's profile exists
     */
    record Plans(List<GroupPlan> ready, List<List<NormalizedRecord>> waiting) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final ProfileStore profiles;
    private final LifecycleRules rules;
    private final KeptApart keptApart;

    IdentityResolver(Documents docs, IndexNames names, ProfileStore profiles, LifecycleRules rules) {
        this.docs = docs;
        this.names = names;
        this.profiles = profiles;
        this.rules = rules;
        this.keptApart = new KeptApart(new NeverMergePairs(docs, names));
    }

    /**
     * @param ownRecords keys of the batch's records: a claim one of them minted (same connector) is this batch's
     *                   own, left by an earlier round that lost a race or by an earlier attempt whose write failed
     *                   half-way, never another writer's in flight, so it is adopted at once
     */
    Plans plan(List<List<NormalizedRecord>> groups, String connectorId, Instant now, Set<String> ownRecords) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> interactionIds = new LinkedHashSet<>();
        for (List<NormalizedRecord> g : groups) {
            for (NormalizedRecord r : g) {
                keys.addAll(r.keys());
                Interaction in = r.record().interaction();
                if (in != null && in.id() != null) {
                    interactionIds.add(in.id());
                }
            }
        }
        // A stored interaction is a replay (redelivered webhook, re-read file): it must not count twice.
        Documents.MgetWithProbe<IdentifierDoc> read = docs.mget(names.identifiers(), keys, IdentifierDoc.class,
                names.interactions(), interactionIds);
        Map<String, VersionedDoc<IdentifierDoc>> claims = read.found();
        Set<String> storedInteractions = read.existing();

        Set<String> claimed = new HashSet<>();
        claims.values().forEach(c -> claimed.add(c.source().profileId()));
        Map<String, VersionedDoc<StoredProfile>> found =
                new HashMap<>(docs.mget(names.profiles(), claimed, StoredProfile.class));
        // A claim can point at a profile that no longer exists: either it was merged away (follow
        // the merge record to the survivor) or a crash came between claim and profile write (adopt the id).
        Map<String, String> redirect = new HashMap<>();
        Set<String> toFetch = new HashSet<>();
        for (String id : claimed) {
            if (!found.containsKey(id)) {
                profiles.survivorOf(id).ifPresent(s -> {
                    redirect.put(id, s);
                    toFetch.add(s);
                });
            }
        }
        toFetch.removeAll(found.keySet());
        found.putAll(docs.mget(names.profiles(), toFetch, StoredProfile.class));

        Set<String> inFlight = inFlight(claims, found, redirect, connectorId, ownRecords, now);

        // One version of the rules for the whole batch.
        LifecycleCalculator lifecycle = new LifecycleCalculator(rules.current());
        List<GroupPlan> plans = new ArrayList<>(groups.size());
        List<List<NormalizedRecord>> waiting = new ArrayList<>();
        List<List<NormalizedRecord>> joined = joinGroupsOfSameProfile(groups, claims, redirect);
        // One look-up per round for every group that would fold two stored profiles, not one per such group.
        KeptApart.Pairs apart = keptApart.pairsAmong(joined, claims, found, redirect);
        for (List<NormalizedRecord> group : joined) {
            if (!inFlight.isEmpty() && group.stream().flatMap(r -> r.keys().stream()).map(claims::get)
                    .anyMatch(c -> c != null && inFlight.contains(c.source().profileId()))) {
                waiting.add(group);
                continue;
            }
            // Profiles a person split apart (an undone merge) are planned apart, whatever links them.
            for (List<NormalizedRecord> part : keptApart.split(group, claims, found, redirect, apart)) {
                plans.add(planGroup(part, claims, found, redirect, storedInteractions, lifecycle, connectorId, now));
            }
        }
        return new Plans(plans, waiting);
    }

    /** Missing, not merged-away profiles that recent claims of other writers point at: being created now. */
    private static Set<String> inFlight(Map<String, VersionedDoc<IdentifierDoc>> claims,
                                        Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect,
                                        String connectorId, Set<String> ownRecords, Instant now) {
        Set<String> out = new HashSet<>();
        for (VersionedDoc<IdentifierDoc> c : claims.values()) {
            IdentifierDoc claim = c.source();
            String pid = claim.profileId();
            Instant at = claim.claimedAt();
            if (!found.containsKey(pid) && !redirect.containsKey(pid) && at != null && at.isAfter(now.minus(IN_FLIGHT))
                    && !(connectorId.equals(claim.connectorId()) && ownRecords.contains(claim.recordKey()))) {
                out.add(pid);
            }
        }
        return out;
    }

    private GroupPlan planGroup(List<NormalizedRecord> group, Map<String, VersionedDoc<IdentifierDoc>> claims,
                                Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect,
                                Set<String> storedInteractions, LifecycleCalculator lifecycle, String connectorId,
                                Instant now) {
        Set<String> groupKeys = new LinkedHashSet<>();
        group.forEach(r -> groupKeys.addAll(r.keys()));

        Set<String> existing = new LinkedHashSet<>();
        Set<String> adopted = new LinkedHashSet<>();
        for (String key : groupKeys) {
            VersionedDoc<IdentifierDoc> claim = claims.get(key);
            if (claim == null) {
                continue;
            }
            String pid = redirect.getOrDefault(claim.source().profileId(), claim.source().profileId());
            if (found.containsKey(pid)) {
                existing.add(pid);
            } else {
                adopted.add(pid);
            }
        }

        List<VersionedDoc<StoredProfile>> candidates = existing.stream().map(found::get)
                .sorted(Comparator.comparing((VersionedDoc<StoredProfile> p) -> p.source().profile().createdAt(),
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(VersionedDoc::id))
                .toList();
        VersionedDoc<StoredProfile> survivor = candidates.isEmpty() ? null : candidates.get(0);
        String id = survivor != null ? survivor.id()
                : adopted.isEmpty() ? newProfileId() : adopted.iterator().next();

        List<GroupPlan.Absorbed> absorbed = new ArrayList<>();
        for (VersionedDoc<StoredProfile> p : candidates.subList(Math.min(1, candidates.size()), candidates.size())) {
            absorbed.add(new GroupPlan.Absorbed(p.source().profile(), p.source().lifecycle(), p.seqNo(), p.primaryTerm()));
        }
        Profile base = survivor == null ? null : survivor.source().profile();
        Profile merged = ProfileMerger.merge(id, base,
                absorbed.stream().map(GroupPlan.Absorbed::profile).toList(), group, now);

        List<String> newClaims = new ArrayList<>();
        Set<String> repoints = new LinkedHashSet<>();
        for (String key : groupKeys) {
            VersionedDoc<IdentifierDoc> claim = claims.get(key);
            if (claim == null) {
                newClaims.add(key);
            } else if (!claim.source().profileId().equals(id)) {
                repoints.add(key);
            }
        }
        // Identifiers of a folded-in profile that this batch did not mention must follow it too.
        absorbed.forEach(a -> repoints.addAll(a.profile().identifiers()));

        List<String> linking = absorbed.isEmpty() ? List.of()
                : groupKeys.stream().filter(claims::containsKey).toList();
        boolean isNew = survivor == null;
        List<InteractionDoc> interactions = interactions(group, id, connectorId, now);
        ProfileLifecycle stored = isNew ? null : survivor.source().lifecycle();
        // A new profile starts when the hub first sees it; one stored before lifecycles existed gets an
        // incomplete summary that the sweep rebuilds from its timeline.
        ProfileLifecycle current = stored != null ? stored
                : lifecycle.initial(isNew ? now : merged.createdAt(), isNew);
        List<ProfileLifecycle> absorbedLifecycles = absorbed.stream()
                .map(a -> a.lifecycle() != null ? a.lifecycle() : lifecycle.initial(a.profile().createdAt(), false))
                .toList();
        LifecycleCalculator.Evaluation next = lifecycle.ingest(merged, current, absorbedLifecycles,
                interactions.stream().filter(i -> !storedInteractions.contains(i.id())).toList(), now);
        boolean write = isNew || !absorbed.isEmpty() || !ProfileMerger.unchanged(base, merged)
                || stored == null || next.differsFrom(stored);
        return new GroupPlan(group, merged, isNew, isNew ? -1 : survivor.seqNo(), isNew ? -1 : survivor.primaryTerm(),
                write, newClaims, List.copyOf(repoints), absorbed, linking, interactions, next.lifecycle(),
                next.changes());
    }

    /** The group's interactions as stored, one per id; an interaction without a time happened now. */
    private static List<InteractionDoc> interactions(List<NormalizedRecord> group, String profileId, String connectorId,
                                                      Instant now) {
        Map<String, InteractionDoc> unique = new LinkedHashMap<>();
        for (NormalizedRecord r : group) {
            Interaction in = r.record().interaction();
            if (in != null) {
                unique.put(in.id(), new InteractionDoc(in.id(), profileId, in.type(), in.channel(),
                        connectorId, r.record().key(), in.occurredAt() == null ? now : in.occurredAt(), now,
                        in.summary(), in.details()));
            }
        }
        return List.copyOf(unique.values());
    }

    /**
     * Two groups of a batch can share no identifier and still belong to one stored profile (one row
     * has its phone, another its e-mail). Planned apart they would race for the same version, so
     * they are planned as one.
     */
    private static List<List<NormalizedRecord>> joinGroupsOfSameProfile(List<List<NormalizedRecord>> groups,
            Map<String, VersionedDoc<IdentifierDoc>> claims, Map<String, String> redirect) {
        List<NormalizedRecord> flat = new ArrayList<>();
        List<List<String>> pseudoKeys = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            String groupKey = "group:" + g;
            for (NormalizedRecord r : groups.get(g)) {
                List<String> k = new ArrayList<>();
                k.add(groupKey);
                for (String key : r.keys()) {
                    VersionedDoc<IdentifierDoc> claim = claims.get(key);
                    if (claim != null) {
                        String pid = claim.source().profileId();
                        k.add("profile:" + redirect.getOrDefault(pid, pid));
                    }
                }
                flat.add(r);
                pseudoKeys.add(k);
            }
        }
        return RecordGrouper.group(flat, pseudoKeys);
    }

    private static String newProfileId() {
        return "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}

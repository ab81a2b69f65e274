package io.kehu.server.ingest;

import io.kehu.api.domain.Profile;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.ProfileStore;
import io.kehu.search.VersionedDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides, for each person of a batch, which profile their records belong to: reads the claims of
 * all the batch's identifiers and the claimed profiles in two multi-gets, then plans creates,
 * updates and merges. Nothing is written here; {@link ResolutionWriter} executes the plans.
 */
final class IdentityResolver {

    private final Documents docs;
    private final IndexNames names;
    private final ProfileStore profiles;

    IdentityResolver(Documents docs, IndexNames names, ProfileStore profiles) {
        this.docs = docs;
        this.names = names;
        this.profiles = profiles;
    }

    List<GroupPlan> plan(List<List<NormalizedRecord>> groups, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        groups.forEach(g -> g.forEach(r -> keys.addAll(r.keys())));
        Map<String, VersionedDoc<IdentifierDoc>> claims = docs.mget(names.identifiers(), keys, IdentifierDoc.class);

        Set<String> claimed = new HashSet<>();
        claims.values().forEach(c -> claimed.add(c.source().profileId()));
        Map<String, VersionedDoc<Profile>> found = new HashMap<>(docs.mget(names.profiles(), claimed, Profile.class));
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
        found.putAll(docs.mget(names.profiles(), toFetch, Profile.class));

        List<GroupPlan> plans = new ArrayList<>(groups.size());
        for (List<NormalizedRecord> group : joinGroupsOfSameProfile(groups, claims, redirect)) {
            plans.add(planGroup(group, claims, found, redirect, now));
        }
        return plans;
    }

    private GroupPlan planGroup(List<NormalizedRecord> group, Map<String, VersionedDoc<IdentifierDoc>> claims,
                                Map<String, VersionedDoc<Profile>> found, Map<String, String> redirect, Instant now) {
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

        List<VersionedDoc<Profile>> candidates = existing.stream().map(found::get)
                .sorted(Comparator.comparing((VersionedDoc<Profile> p) -> p.source().createdAt(),
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(VersionedDoc::id))
                .toList();
        VersionedDoc<Profile> survivor = candidates.isEmpty() ? null : candidates.get(0);
        String id = survivor != null ? survivor.id()
                : adopted.isEmpty() ? newProfileId() : adopted.iterator().next();

        List<GroupPlan.Absorbed> absorbed = new ArrayList<>();
        for (VersionedDoc<Profile> p : candidates.subList(Math.min(1, candidates.size()), candidates.size())) {
            absorbed.add(new GroupPlan.Absorbed(p.source(), p.seqNo(), p.primaryTerm()));
        }
        Profile merged = ProfileMerger.merge(id, survivor == null ? null : survivor.source(),
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
        boolean write = isNew || !absorbed.isEmpty() || !ProfileMerger.unchanged(survivor.source(), merged);
        return new GroupPlan(group, merged, isNew, isNew ? -1 : survivor.seqNo(), isNew ? -1 : survivor.primaryTerm(),
                write, newClaims, List.copyOf(repoints), absorbed, linking);
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

package io.kehu.server.ingest;

import io.kehu.api.domain.Identifier;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.StoredProfile;
import io.kehu.server.merges.NeverMergePairs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps profiles a person split apart from being folded together again. A group of records that would
 * fold two stored profiles recorded as a never-merge pair is not folded at all: each record goes to the
 * profile of its first claimed identifier, and loses the identifiers claimed by the group's other profiles,
 * so they are neither re-pointed nor copied onto the wrong person. The record's interaction is still
 * written, to that profile.
 */
final class KeptApart {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KeptApart.class);

    private final NeverMergePairs pairs;

    KeptApart(NeverMergePairs pairs) {
        this.pairs = pairs;
    }

    /** The never-merge pairs among the stored profiles each group would fold, looked up once for all groups. */
    record Pairs(Set<Set<String>> apart) {
        static final Pairs NONE = new Pairs(Set.of());
    }

    Pairs pairsAmong(List<List<NormalizedRecord>> groups, Map<String, VersionedDoc<IdentifierDoc>> claims,
                     Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect) {
        List<List<String>> folding = new ArrayList<>();
        for (List<NormalizedRecord> group : groups) {
            Set<String> candidates = candidates(group, claims, found, redirect);
            if (candidates.size() >= 2) {
                folding.add(List.copyOf(candidates));
            }
        }
        return folding.isEmpty() ? Pairs.NONE : new Pairs(pairs.amongEach(folding));
    }

    /** The group itself when it may be folded, else one part per profile, each planned without a merge. */
    List<List<NormalizedRecord>> split(List<NormalizedRecord> group, Map<String, VersionedDoc<IdentifierDoc>> claims,
                                       Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect,
                                       Pairs known) {
        if (known.apart().isEmpty()) {
            // The usual case: no group of the round folds a pair kept apart, so nothing to work out again.
            return List.of(group);
        }
        Set<String> candidates = candidates(group, claims, found, redirect);
        if (candidates.size() < 2) {
            return List.of(group);
        }
        Set<Set<String>> apart = new HashSet<>();
        for (Set<String> pair : known.apart()) {
            if (candidates.containsAll(pair)) {
                apart.add(pair);
            }
        }
        if (apart.isEmpty()) {
            return List.of(group);
        }
        // Profile ids only: the identifiers are personal data.
        log.debug("Not merging profiles {}: split apart before ({}); each record goes to its first claimed identifier",
                candidates, apart);
        String fallback = candidates.iterator().next();
        Map<String, List<NormalizedRecord>> parts = new LinkedHashMap<>();
        for (NormalizedRecord r : group) {
            String target = null;
            for (String k : r.keys()) {
                target = owner(k, claims, found, redirect);
                if (target != null) {
                    break;
                }
            }
            // A record with only new identifiers joined the group through another record: it follows the first profile.
            String to = target != null ? target : fallback;
            List<Identifier> kept = new ArrayList<>();
            for (Identifier id : r.identifiers()) {
                String owner = owner(id.key(), claims, found, redirect);
                if (owner == null || owner.equals(to)) {
                    kept.add(id);
                }
            }
            parts.computeIfAbsent(to, t -> new ArrayList<>()).add(new NormalizedRecord(r.record(), kept));
        }
        return List.copyOf(parts.values());
    }

    /** The stored profile that claims {@code key} now (following merges), or null when none does. */
    private static Set<String> candidates(List<NormalizedRecord> group, Map<String, VersionedDoc<IdentifierDoc>> claims,
                                          Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect) {
        Set<String> candidates = new LinkedHashSet<>();
        group.forEach(r -> r.keys().forEach(k -> {
            String owner = owner(k, claims, found, redirect);
            if (owner != null) {
                candidates.add(owner);
            }
        }));
        return candidates;
    }

    private static String owner(String key, Map<String, VersionedDoc<IdentifierDoc>> claims,
                                Map<String, VersionedDoc<StoredProfile>> found, Map<String, String> redirect) {
        VersionedDoc<IdentifierDoc> claim = claims.get(key);
        if (claim == null) {
            return null;
        }
        String pid = redirect.getOrDefault(claim.source().profileId(), claim.source().profileId());
        return found.containsKey(pid) ? pid : null;
    }
}

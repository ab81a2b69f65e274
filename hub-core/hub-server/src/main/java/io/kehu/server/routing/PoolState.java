package io.kehu.server.routing;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The claim pool's leads by profile id, immutable, handed in and out of every {@link ClaimPool} call so the
 * caller can persist it. Claimed entries stay until their deadline passes, so a second claim hears that
 * the lead is taken rather than that it is unknown.
 */
public record PoolState(Map<String, PoolEntry> entries) {

    public static final PoolState EMPTY = new PoolState(Map.of());

    public PoolState {
        entries = entries == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public PoolEntry entry(String profileId) {
        return entries.get(profileId);
    }

    /** Open entries, soonest deadline first. */
    public List<PoolEntry> open() {
        return entries.values().stream().filter(PoolEntry::open)
                .sorted(Comparator.comparing(PoolEntry::deadline)).toList();
    }

    PoolState with(PoolEntry entry) {
        Map<String, PoolEntry> next = new HashMap<>(entries);
        next.put(entry.profileId(), entry);
        return new PoolState(next);
    }

    PoolState without(String profileId) {
        Map<String, PoolEntry> next = new HashMap<>(entries);
        next.remove(profileId);
        return new PoolState(next);
    }
}

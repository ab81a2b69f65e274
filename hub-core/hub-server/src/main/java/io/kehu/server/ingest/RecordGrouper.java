package io.kehu.server.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the records of a batch that share an identifier, transitively (union-find), so each
 * real person in the batch is resolved and written once instead of once per row.
 */
final class RecordGrouper {

    private RecordGrouper() {
    }

    static List<List<NormalizedRecord>> group(List<NormalizedRecord> records) {
        return group(records, records.stream().map(NormalizedRecord::keys).toList());
    }

    /** Groups records that share any of the given keys; {@code keys.get(i)} belongs to record i. */
    static List<List<NormalizedRecord>> group(List<NormalizedRecord> records, List<List<String>> keys) {
        int[] parent = new int[records.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstByKey = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : keys.get(i)) {
                Integer other = firstByKey.putIfAbsent(key, i);
                if (other != null) {
                    union(parent, i, other);
                }
            }
        }
        Map<Integer, List<NormalizedRecord>> groups = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(records.get(i));
        }
        return new ArrayList<>(groups.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}

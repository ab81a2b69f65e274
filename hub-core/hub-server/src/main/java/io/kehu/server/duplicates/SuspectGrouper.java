package io.kehu.server.duplicates;

import io.kehu.server.duplicates.SuspectGroup.Member;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Splits the profiles that share one name into groups that also share a company ({@link CompanyKey}), in memory:
 * it only ever sees the few profiles of one name. Profiles are linked transitively (A and B share one company, B
 * and C another), as identity resolution links records.
 */
final class SuspectGrouper {

    /** Members listed per group at most: a very common name at a large company would list pairs by the thousand. */
    static final int MAX_MEMBERS = 20;

    private SuspectGrouper() {
    }

    /** The folded form of a name, as the {@code names.folded} keyword sub-field (lowercase normalizer) holds it. */
    static String fold(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** Groups of two or more among {@code sameName} (profiles in the order to list them) sharing a company. */
    static List<List<Member>> byCompany(List<Member> sameName) {
        int n = sameName.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWith = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            for (String company : sameName.get(i).companies()) {
                Optional<String> key = CompanyKey.of(company);
                if (key.isPresent()) {
                    Integer other = firstWith.putIfAbsent(key.get(), i);
                    if (other != null) {
                        parent[root(parent, i)] = root(parent, other);
                    }
                }
            }
        }
        Map<Integer, List<Member>> groups = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            groups.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(sameName.get(i));
        }
        return groups.values().stream().filter(g -> g.size() > 1)
                .map(g -> g.size() > MAX_MEMBERS ? List.copyOf(g.subList(0, MAX_MEMBERS)) : g).toList();
    }

    /** The first company of {@code a} that {@code b} shares, as {@code a} spells it. */
    static String sharedCompany(Member a, Member b) {
        for (String company : a.companies()) {
            Optional<String> key = CompanyKey.of(company);
            if (key.isPresent() && b.companies().stream().map(CompanyKey::of).anyMatch(key::equals)) {
                return company;
            }
        }
        return a.companies().isEmpty() ? null : a.companies().get(0);
    }

    /** The name both profiles carry, as {@code a} spells it. */
    static String sharedName(Member a, String folded) {
        return a.names().stream().filter(x -> fold(x).equals(folded)).findFirst().orElse(a.name());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}

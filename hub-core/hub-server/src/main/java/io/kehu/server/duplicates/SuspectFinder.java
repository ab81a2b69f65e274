package io.kehu.server.duplicates;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeAggregationSource;
import co.elastic.clients.elasticsearch._types.aggregations.CompositeBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.duplicates.SuspectGroup.Member;
import io.kehu.server.merges.NeverMergePairs;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds possible duplicates (疑似重复): walks the distinct names ({@code names.folded}, a keyword sub-field with the
 * lowercase normalizer, so {@code Alice Chen} and {@code alice chen} are one name) with a composite aggregation,
 * a page of {@link #NAME_PAGE} names at a time; reads only the profiles of names held by two or more, and groups those
 * by company in memory ({@link SuspectGrouper}); leaves out pairs someone split apart ({@link NeverMergePairs}).
 * Never loads all profiles: memory holds one page of names and their profiles. The cost of a page of groups is one
 * pass over the distinct names up to its last group (about one aggregation request per thousand names), plus a
 * search and a multi-get per page of names that has shared ones.
 */
public final class SuspectFinder {

    static final int NAME_PAGE = 1000;
    /** Profiles read per search; a name held by more is examined on its oldest this many. */
    static final int PROFILE_READ = 2000;
    /** How deep a page may start: each page walks the names from the start. */
    public static final int MAX_WINDOW = 1000;
    private static final String FIELD = "names.folded";
    private static final List<String> SOURCE = List.of("id", "name", "names", "companies", "phones", "emails", "owner");

    private final Documents docs;
    private final IndexNames names;
    private final NeverMergePairs pairs;

    public SuspectFinder(Documents docs, IndexNames names, NeverMergePairs pairs) {
        this.docs = docs;
        this.names = names;
        this.pairs = pairs;
    }

    /**
     * A page of groups in name order.
     *
     * @param owner when not null, only that owner's profiles are considered: a scoped salesperson sees the groups
     *              of their own customers and learns nothing of a colleague's
     */
    public SuspectGroup.Page find(String owner, int from, int size) {
        if (from < 0 || size < 1 || size > 100 || from + size > MAX_WINDOW) {
            throw new IllegalArgumentException("from must be 0 or more, size 1 to 100, and from + size at most " + MAX_WINDOW);
        }
        Query scope = owner == null ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.term(t -> t.field("owner").value(owner)));
        List<SuspectGroup> found = new ArrayList<>();
        Set<Set<String>> seen = new HashSet<>();
        Map<String, FieldValue> after = null;
        boolean exhausted = false;
        while (!exhausted && found.size() <= from + size) {
            Map<String, FieldValue> afterKey = after;
            var r = Documents.call(() -> docs.client().search(s -> s.index(names.profiles()).size(0).query(scope)
                    .aggregations("names", a -> a.composite(c -> {
                        c.size(NAME_PAGE).sources(List.of(Map.of("name",
                                CompositeAggregationSource.of(cs -> cs.terms(t -> t.field(FIELD))))));
                        return afterKey == null ? c : c.after(afterKey);
                    })), Void.class), names.profiles());
            CompositeAggregate agg = r.aggregations().get("names").composite();
            List<CompositeBucket> buckets = agg.buckets().array();
            Map<String, Long> shared = new LinkedHashMap<>();
            for (CompositeBucket b : buckets) {
                if (b.docCount() > 1) {
                    shared.put(b.key().get("name").stringValue(), b.docCount());
                }
            }
            found.addAll(groups(scope, shared, seen));
            after = agg.afterKey();
            exhausted = buckets.size() < NAME_PAGE || after == null || after.isEmpty();
        }
        int end = Math.min(found.size(), from + size);
        List<SuspectGroup> page = from >= end ? List.of() : List.copyOf(found.subList(from, end));
        return new SuspectGroup.Page(page, from, size, found.size() > from + size);
    }

    /** The groups of one page's shared names, in name order; a group found under another name before is left out. */
    private List<SuspectGroup> groups(Query scope, Map<String, Long> shared, Set<Set<String>> seen) {
        List<String> folded = new ArrayList<>();
        List<List<Member>> candidates = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        long count = 0;
        for (Map.Entry<String, Long> e : shared.entrySet()) {
            if (!batch.isEmpty() && count + e.getValue() > PROFILE_READ) {
                collect(scope, batch, folded, candidates);
                batch.clear();
                count = 0;
            }
            batch.add(e.getKey());
            count += e.getValue();
        }
        if (!batch.isEmpty()) {
            collect(scope, batch, folded, candidates);
        }
        Set<Set<String>> apart = pairs.amongEach(candidates.stream().map(g -> g.stream().map(Member::id).toList()).toList());
        List<SuspectGroup> out = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            List<Member> group = candidates.get(i);
            List<List<String>> allowed = new ArrayList<>();
            Set<String> inPairs = new HashSet<>();
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    String x = group.get(a).id();
                    String y = group.get(b).id();
                    if (!apart.contains(Set.of(x, y))) {
                        allowed.add(List.of(x, y));
                        inPairs.add(x);
                        inPairs.add(y);
                    }
                }
            }
            List<Member> members = group.stream().filter(m -> inPairs.contains(m.id())).toList();
            if (allowed.isEmpty() || !seen.add(Set.copyOf(inPairs))) {
                continue;
            }
            Member first = members.get(0);
            out.add(new SuspectGroup(SuspectGrouper.sharedName(first, folded.get(i)),
                    SuspectGrouper.sharedCompany(first, members.get(1)), members, allowed));
        }
        return out;
    }

    /** Reads the profiles of {@code batch} (folded names) and adds each name's company groups to {@code candidates}. */
    private void collect(Query scope, List<String> batch, List<String> folded, List<List<Member>> candidates) {
        List<FieldValue> values = batch.stream().map(FieldValue::of).toList();
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.profiles()).size(PROFILE_READ)
                .query(q -> q.bool(b -> b.filter(scope).filter(f -> f.terms(t -> t.field(FIELD).terms(v -> v.value(values))))))
                .source(src -> src.filter(f -> f.includes(SOURCE)))
                .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc)))
                .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc))), Member.class), names.profiles());
        List<Member> hits = r.hits().hits().stream().map(Hit::source).toList();
        for (String name : batch) {
            List<Member> sameName = hits.stream()
                    .filter(m -> m.names().stream().anyMatch(x -> SuspectGrouper.fold(x).equals(name))).toList();
            for (List<Member> group : SuspectGrouper.byCompany(sameName)) {
                folded.add(name);
                candidates.add(group);
            }
        }
    }
}

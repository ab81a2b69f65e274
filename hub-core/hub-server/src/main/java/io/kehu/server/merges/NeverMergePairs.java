package io.kehu.server.merges;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.StateDoc;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pairs of profiles a person split apart, which identity resolution must never fold into one again: a
 * shared switchboard number or mailbox would otherwise merge them on the next record that carries both.
 * Stored in the state index under a deterministic id per pair and read by id (real-time), so a pair
 * written a moment ago already holds for the next batch.
 */
public final class NeverMergePairs {

    /** State scope of the pairs; the key is the two profile ids, sorted, joined by {@code |}. */
    public static final String SCOPE = "never-merge";

    private final Documents docs;
    private final IndexNames names;

    public NeverMergePairs(Documents docs, IndexNames names) {
        this.docs = docs;
        this.names = names;
    }

    /** The write recording that {@code a} and {@code b} stay apart; {@code why} is kept as the value (a merge id). */
    public BulkOperation record(String a, String b, String why, Instant now) {
        String key = key(a, b);
        StateDoc doc = new StateDoc(SCOPE, key, why, now);
        return BulkOperation.of(o -> o.index(x -> x.index(names.state()).id(StateDoc.id(SCOPE, key)).document(doc)));
    }

    /** The pairs within each of the given sets of profile ids that must stay apart, in one multi-get for all. */
    public Set<Set<String>> amongEach(List<List<String>> groups) {
        Set<String> docIds = new LinkedHashSet<>();
        for (List<String> group : groups) {
            List<String> ids = group.stream().distinct().toList();
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    docIds.add(StateDoc.id(SCOPE, key(ids.get(i), ids.get(j))));
                }
            }
        }
        if (docIds.isEmpty()) {
            return Set.of();
        }
        Map<String, ?> found = docs.mget(names.state(), docIds, StateDoc.class);
        Set<Set<String>> out = new HashSet<>();
        for (String id : found.keySet()) {
            String key = id.substring(SCOPE.length() + 2);
            int bar = key.indexOf('|');
            out.add(new TreeSet<>(List.of(key.substring(0, bar), key.substring(bar + 1))));
        }
        return out;
    }

    /** A pair as listed: the two profile ids (sorted), the merge whose undo recorded it, and when. */
    public record Pair(String a, String b, String mergeId, Instant at) {
    }

    /** The pairs {@code profileId} takes part in, at most 100; a search, so a pair shows after the next refresh. */
    public List<Pair> of(String profileId) {
        var r = Documents.call(() -> docs.client().search(s -> s.index(names.state()).size(100)
                .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("scope").value(SCOPE)))
                        .minimumShouldMatch("1")
                        .should(x -> x.prefix(p -> p.field("key").value(profileId + "|")))
                        .should(x -> x.wildcard(w -> w.field("key").value("*|" + profileId))))), StateDoc.class),
                names.state());
        List<Pair> out = new ArrayList<>();
        r.hits().hits().forEach(h -> {
            StateDoc d = h.source();
            int bar = d.key().indexOf('|');
            out.add(new Pair(d.key().substring(0, bar), d.key().substring(bar + 1), d.value(), d.updatedAt()));
        });
        return out;
    }

    /** Lets the two profiles merge again; false when they were no pair. */
    public boolean remove(String a, String b) {
        String id = StateDoc.id(SCOPE, key(a, b));
        if (docs.get(names.state(), id, StateDoc.class).isEmpty()) {
            return false;
        }
        docs.delete(names.state(), id);
        // Listing is a search: refreshed, so the console's redraw after a removal no longer shows the pair.
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.state())), names.state());
        return true;
    }

    static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }
}

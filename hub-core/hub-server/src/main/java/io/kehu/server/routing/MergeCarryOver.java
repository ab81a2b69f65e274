package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.server.delivery.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Before a routing run walks the changed profiles, carries the destination records of profiles merged since
 * the checkpoint over to their survivors ({@link Outbox#carryOver}), so routing a survivor updates the CRM
 * record of the profile it absorbed instead of creating a second one. A merge rewrites the survivor, so the
 * walk that follows sees it. Merges are read oldest first; repeating one is harmless.
 */
final class MergeCarryOver {

    private static final int PAGE = 500;

    private final Documents docs;
    private final IndexNames names;
    private final Outbox outbox;

    MergeCarryOver(Documents docs, IndexNames names, Outbox outbox) {
        this.docs = docs;
        this.names = names;
        this.outbox = outbox;
    }

    /**
     * @param after the run's checkpoint (null: every merge ever); merges up to {@code overlap} before it are
     *              read again, as the walk reads profiles again
     * @return how many outbox entries were carried over
     */
    int since(Instant after, Duration overlap) {
        // The merge and the survivor were written in one bulk request: refreshed here, the merge is seen
        // by the time the walk's point-in-time sees the survivor.
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.merges())), names.merges());
        Query since = after == null ? Query.of(q -> q.matchAll(m -> m))
                : Query.of(q -> q.range(r -> r.date(d -> d.field("at").gt(after.minus(overlap).toString()))));
        // An undone merge (or one being undone) carries nothing: the restored profile is routed on its own.
        Query query = Query.of(q -> q.bool(b -> b.must(since).mustNot(n -> n.exists(e -> e.field("undo.state")))));
        int[] carried = {0};
        forEachPage(query, "at", hits -> {
            List<Outbox.Merge> merges = new ArrayList<>();
            for (Hit<MergeDoc> h : hits) {
                h.source().merged().forEach(absorbed -> merges.add(new Outbox.Merge(h.id(), absorbed,
                        h.source().survivor())));
            }
            carried[0] += outbox.carryOver(merges);
        });
        return carried[0];
    }

    /**
     * Gives the destination records back again for merges undone since the checkpoint. A run that read a merge
     * just before its undo began can write its carry-over just after the undo gave the records back, and so hand
     * the restored person's record to the survivor once more; the undo cannot see writes that come after it.
     * Giving back is harmless to repeat, so the next run repeats it for every recent undo and puts such a record
     * right before it walks the profiles. Such a run ends within seconds of the undo, well inside the overlap.
     *
     * @param after the run's checkpoint; null (the first run) finds nothing to repair
     * @return the entries given back by this call (0 unless a race had to be repaired)
     */
    int undoneSince(Instant after, Duration overlap) {
        if (after == null) {
            return 0;
        }
        Query query = Query.of(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("undo.state").value(MergeDoc.Undo.DONE)))
                .filter(f -> f.range(r -> r.date(d -> d.field("undo.at").gt(after.minus(overlap).toString()))))));
        int[] returned = {0};
        forEachPage(query, "undo.at", hits -> {
            for (Hit<MergeDoc> h : hits) {
                List<String> restored = h.source().merged();
                // A restored profile that is gone was merged again (or erased) since: its records are that
                // merge's business now, and giving them back would undo its carry-over.
                if (docs.mget(names.profiles(), List.of(), Object.class, names.profiles(), restored).existing()
                        .containsAll(restored)) {
                    returned[0] += outbox.giveBack(h.id(), h.source().survivor(), restored);
                }
            }
        });
        return returned[0];
    }

    /** Pages through the merges that match, oldest first by {@code timeField}. */
    private void forEachPage(Query query, String timeField, Consumer<List<Hit<MergeDoc>>> page) {
        String index = names.merges();
        List<FieldValue> from = null;
        while (true) {
            List<FieldValue> last = from;
            var r = Documents.call(() -> docs.client().search(s -> {
                s.index(index).size(PAGE).query(query)
                        .source(src -> src.filter(f -> f.includes("survivor", "merged", "at")))
                        .sort(o -> o.field(f -> f.field(timeField).order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                return last == null ? s : s.searchAfter(last);
            }, MergeDoc.class), index);
            List<Hit<MergeDoc>> hits = r.hits().hits();
            page.accept(hits);
            if (hits.size() < PAGE) {
                return;
            }
            from = hits.get(hits.size() - 1).sort();
        }
    }
}

package io.kehu.server.lifecycle;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.api.domain.Profile;
import io.kehu.search.IndexNames;
import io.kehu.search.InteractionDoc;
import io.kehu.search.PointInTimeScan;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds signal summaries from the interactions index, for a page of profiles at a time: needed when
 * the rules a summary depends on change (half-life, signal matchers) and for profiles stored before
 * summaries existed. Reads the interactions of the page's profiles (and of the profiles merged into them)
 * page by page, holding only one summary per profile.
 */
public final class SummaryRebuilder {

    private final PointInTimeScan scan;
    private final IndexNames names;
    private final int pageSize;

    public SummaryRebuilder(PointInTimeScan scan, IndexNames names, int pageSize) {
        this.scan = scan;
        this.names = names;
        this.pageSize = pageSize;
    }

    /** Complete summaries under {@code folder}'s rules, by profile id; a profile without interactions gets an empty one. */
    public Map<String, SignalSummary> rebuild(List<Profile> profiles, SignalFolder folder, Instant now) {
        Map<String, SignalFolder.Acc> byProfile = new HashMap<>();
        Map<String, SignalFolder.Acc> byTimelineId = new HashMap<>();
        for (Profile p : profiles) {
            SignalFolder.Acc acc = folder.open(folder.empty(true));
            byProfile.put(p.id(), acc);
            byTimelineId.put(p.id(), acc);
            p.mergedFrom().forEach(m -> byTimelineId.putIfAbsent(m, acc));
        }
        if (!byTimelineId.isEmpty()) {
            List<FieldValue> ids = byTimelineId.keySet().stream().map(FieldValue::of).toList();
            Query query = Query.of(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(ids))));
            scan.scan(names.interactions(), query, List.of("summary"), pageSize, InteractionDoc.class, page -> page.forEach(doc -> {
                SignalFolder.Acc acc = byTimelineId.get(doc.source().profileId());
                if (acc != null) {
                    acc.fold(doc.source(), now);
                }
            }));
        }
        Map<String, SignalSummary> out = new HashMap<>();
        byProfile.forEach((id, acc) -> out.put(id, acc.close()));
        return out;
    }
}

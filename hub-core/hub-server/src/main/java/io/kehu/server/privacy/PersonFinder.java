package io.kehu.server.privacy;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.api.domain.Profile;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.PointInTimeScan;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what belongs to a person: the profile names the profiles merged into it ({@code mergedFrom}) and its
 * identifiers; the snapshots in its merge records add identifiers the merged profiles had. A snapshot of a
 * profile that is not among them (a merge undone since) is someone else's and adds nothing.
 */
public final class PersonFinder {

    private static final int PAGE_SIZE = 100;

    private final PointInTimeScan scan;
    private final IndexNames names;

    public PersonFinder(PointInTimeScan scan, IndexNames names) {
        this.scan = scan;
        this.names = names;
    }

    public Person find(Profile profile) {
        Set<String> ids = new LinkedHashSet<>(profile.mergedFrom());
        ids.add(profile.id());
        Set<String> keys = new LinkedHashSet<>(profile.identifiers());
        scan.scan(names.merges(), mergesOf(List.copyOf(ids)), List.of(), PAGE_SIZE, MergeDoc.class, page -> {
            for (var merge : page) {
                Map<String, Profile> snapshots = merge.source().snapshots();
                if (snapshots != null) {
                    snapshots.forEach((id, snapshot) -> {
                        if (ids.contains(id) && snapshot != null) {
                            keys.addAll(snapshot.identifiers());
                        }
                    });
                }
            }
        });
        ids.remove(profile.id());
        return new Person(profile.id(), List.copyOf(ids), keys);
    }

    /** The merge records any of {@code profileIds} took part in, as survivor or as folded in. */
    static Query mergesOf(List<String> profileIds) {
        List<FieldValue> values = profileIds.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.terms(t -> t.field("survivor").terms(v -> v.value(values))))
                .should(s -> s.terms(t -> t.field("merged").terms(v -> v.value(values))))));
    }
}

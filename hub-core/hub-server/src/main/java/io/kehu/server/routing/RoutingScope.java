package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which profiles a routing run walks: those changed since the checkpoint (less an overlap, for writes not
 * yet searchable when the previous walk began) that a rule could route or that already have an owner
 * (their CRM records may need an update). All profiles when there is no checkpoint yet, when the rules
 * changed since it was taken (a new rule must reach profiles that stopped changing long ago), or when a
 * destination instance that decisions were held back for exists now.
 */
final class RoutingScope {

    private static final String UPDATED = "updatedAt";
    private static final String SCORED = StoredProfile.FIELD + ".scoredAt";

    private final Documents docs;
    private final IndexNames names;
    private final Duration overlap;

    RoutingScope(Documents docs, IndexNames names, Duration overlap) {
        this.docs = docs;
        this.names = names;
        this.overlap = overlap;
    }

    /**
     * Where this run starts: the checkpoint's time if it was taken under these rules and no destination
     * that decisions were held back for has appeared since; else null (all).
     */
    static Instant from(RoutingCheckpoint checkpoint, int rulesVersion, Set<String> destinations) {
        Integer walkedUnder = checkpoint.rulesVersion();
        boolean sameRules = walkedUnder != null && walkedUnder == rulesVersion;
        return sameRules && appeared(checkpoint, destinations).isEmpty() ? checkpoint.changedAfter() : null;
    }

    /** The destinations decisions were held back for that exist now. */
    static Set<String> appeared(RoutingCheckpoint checkpoint, Set<String> destinations) {
        Set<String> now = new TreeSet<>(checkpoint.heldBackFor());
        now.retainAll(destinations);
        return now;
    }

    /**
     * What the next checkpoint remembers as held back: after a walk of all, what it held back; after a walk
     * of the changed profiles only, also what earlier walks held back and that still does not exist, since
     * those profiles were not walked again.
     */
    static Set<String> stillHeldBack(RoutingCheckpoint checkpoint, boolean walkedAll, Set<String> heldNow,
                                     Set<String> destinations) {
        Set<String> held = new TreeSet<>(heldNow);
        if (!walkedAll) {
            checkpoint.heldBackFor().stream().filter(id -> !destinations.contains(id)).forEach(held::add);
        }
        return held;
    }

    /** The profiles to walk: changed since {@code after} (null: any) and routable or owned. */
    Query query(Instant after, RoutingEngine engine) {
        List<Query> filters = new ArrayList<>();
        Query changed = changedSince(after);
        if (changed != null) {
            filters.add(changed);
        }
        RoutingPrefilter.anyOf(engine.enabledConditions()).ifPresent(rules -> filters.add(Query.of(q -> q.bool(b -> b
                .should(rules).should(s -> s.exists(e -> e.field("owner"))).minimumShouldMatch("1")))));
        return filters.isEmpty() ? null : Query.of(q -> q.bool(b -> b.filter(filters)));
    }

    /**
     * The newest change among all profiles changed since {@code after}, walked or not. The checkpoint moves
     * up to it, so a run whose filter passed few profiles does not leave the checkpoint behind and make
     * later runs filter an ever longer stretch.
     */
    Optional<Instant> newestChange(Instant after) {
        Query changed = changedSince(after);
        var r = Documents.call(() -> docs.client().search(s -> {
            s.index(names.profiles()).size(0).trackTotalHits(t -> t.enabled(false))
                    .aggregations("updated", a -> a.max(m -> m.field(UPDATED)))
                    .aggregations("scored", a -> a.max(m -> m.field(SCORED)));
            if (changed != null) {
                s.query(changed);
            }
            return s;
        }, Void.class), names.profiles());
        Optional<Instant> updated = max(r.aggregations().get("updated"));
        Optional<Instant> scored = max(r.aggregations().get("scored"));
        if (updated.isEmpty() || scored.isEmpty()) {
            return updated.isPresent() ? updated : scored;
        }
        return Optional.of(updated.get().isAfter(scored.get()) ? updated.get() : scored.get());
    }

    /** When a profile last changed for routing: its update or its last scoring, whichever is later. */
    static Instant changedAt(StoredProfile p) {
        Instant updated = p.profile().updatedAt();
        Instant scored = p.lifecycle() == null ? null : p.lifecycle().scoredAt();
        if (updated == null) {
            return scored;
        }
        return scored == null || updated.isAfter(scored) ? updated : scored;
    }

    private static Optional<Instant> max(Aggregate a) {
        if (a == null || !a.isMax()) {
            return Optional.empty();
        }
        double millis = a.max().value();
        // No documents: Elasticsearch answers null, which the client reads as NaN or an infinity.
        return Double.isFinite(millis) ? Optional.of(Instant.ofEpochMilli((long) millis)) : Optional.empty();
    }

    private Query changedSince(Instant after) {
        if (after == null) {
            return null;
        }
        String from = after.minus(overlap).toString();
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.range(r -> r.date(d -> d.field(UPDATED).gt(from))))
                .should(s -> s.range(r -> r.date(d -> d.field(SCORED).gt(from))))));
    }
}

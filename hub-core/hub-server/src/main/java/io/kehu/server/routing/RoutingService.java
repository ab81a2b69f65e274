package io.kehu.server.routing;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.VersionedDoc;
import io.kehu.server.delivery.EnqueueOutcome;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.delivery.OutboxEntry;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the profiles changed since the checkpoint into the delivery outbox. Walks them over a
 * point-in-time a page at a time; per page it routes every profile with one version of the rules, records
 * the owners on the profiles, enqueues the decisions in one call and only then persists the assignment
 * state. The checkpoint advances when the walk is complete, so a run cut short is walked again from the
 * old checkpoint: re-routing is harmless, because an owned profile keeps its owner and an unchanged
 * payload is a no-op in the outbox. One run at a time per node; across nodes the checkpoint's conditional
 * writes stop the second run.
 */
public final class RoutingService {

    /**
     * A profile is picked up again if it changed within this margin before the checkpoint: a write stamped
     * just before the walk started may not have been searchable yet when the walk opened its point-in-time.
     */
    static final Duration OVERLAP = Duration.ofSeconds(10);

    /** Lifecycle parts routing never reads: not fetching them makes the pages smaller. */
    static final List<String> NOT_READ = List.of(StoredProfile.FIELD + ".reasons", StoredProfile.FIELD + ".signals");

    /**
     * What one run did.
     *
     * @param queued     outbox entries new or changed (delivered again)
     * @param unchanged  outbox entries already there with the same payload
     * @param incomplete decisions held back for missing required fields
     */
    public record Result(long profiles, long routed, long queued, long unchanged, long incomplete, long ownersWritten,
                         long millis) {
    }

    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);

    private final PointInTimeScan scan;
    private final IndexNames names;
    private final RoutingRules rules;
    private final Outbox outbox;
    private final ProfileOwnerWriter owners;
    private final RoutingStateStore stateStore;
    private final PoolOffers pool;
    private final Clock clock;
    private final int pageSize;
    private final ReentrantLock running = new ReentrantLock();

    public RoutingService(PointInTimeScan scan, IndexNames names, RoutingRules rules, Outbox outbox,
                          ProfileOwnerWriter owners, RoutingStateStore stateStore, PoolOffers pool, Clock clock,
                          int pageSize) {
        this.scan = scan;
        this.names = names;
        this.rules = rules;
        this.outbox = outbox;
        this.owners = owners;
        this.stateStore = stateStore;
        this.pool = pool;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Runs unless a run is under way on this node (then empty). */
    public Optional<Result> runIfIdle() {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run());
        } finally {
            running.unlock();
        }
    }

    private Result run() {
        long started = System.nanoTime();
        RoutingStateStore.Versioned[] stored = {stateStore.read()};
        Instant after = stored[0].checkpoint().changedAfter();
        // One version of the rules for the whole run, so a run never mixes two.
        RoutingRules.Current current = rules.current();
        Walk walk = new Walk(stored[0].checkpoint().state(), after);
        long profiles = scan.scan(names.profiles(), changedSince(after), NOT_READ, pageSize, StoredProfile.class,
                page -> {
                    routePage(page, current, walk);
                    stored[0] = stateStore.write(stored[0], new RoutingCheckpoint(after, walk.state));
                });
        stateStore.write(stored[0], new RoutingCheckpoint(walk.newest, walk.state));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Result r = new Result(profiles, walk.counts[0], walk.counts[1], walk.counts[2], walk.counts[3],
                walk.counts[4], millis);
        log.info("Routing run done: {} profile(s) walked in {} ms, {} routed, {} queued, {} unchanged, {} held back for missing required fields, {} owner(s) recorded",
                profiles, millis, r.routed(), r.queued(), r.unchanged(), r.incomplete(), r.ownersWritten());
        return r;
    }

    private void routePage(List<VersionedDoc<StoredProfile>> page, RoutingRules.Current rules, Walk walk) {
        Instant now = clock.instant();
        RoutingEngine engine = rules.engine();
        List<OutboxEntry> entries = new ArrayList<>();
        List<ProfileOwnerWriter.Assignment> assignments = new ArrayList<>();
        List<PoolOffers.Offer> offers = new ArrayList<>();
        for (VersionedDoc<StoredProfile> doc : page) {
            StoredProfile stored = doc.source();
            walk.saw(changedAt(stored));
            RoutableProfile profile = routable(stored);
            RoutingResult result = engine.route(profile, walk.state, Map.of(), now);
            walk.state = result.state();
            if (!result.routed()) {
                continue;
            }
            walk.counts[0]++;
            if (result.owner().kind() == OwnerDecision.Kind.POOL) {
                // Delivered once the pool settles the owner, never ownerless before.
                offers.add(new PoolOffers.Offer(profile.id(), result));
                continue;
            }
            if (result.owner().settled()) {
                assignments.add(new ProfileOwnerWriter.Assignment(doc, result.owner().ownerId()));
            }
            for (RouteDecision d : result.decisions()) {
                if (!d.complete()) {
                    walk.counts[3]++;
                    // Profile id and field names only: the values are personal data.
                    log.info("Profile {} not sent to {}: required field(s) {} have no value", profile.id(),
                            d.destinationInstanceId(), d.missingRequired());
                    continue;
                }
                entries.add(new OutboxEntry(profile.id(), d.destinationInstanceId(), d.ruleId(), d.mappedFields(),
                        d.remoteOwnerId()));
            }
        }
        // Owners first: if the run stops before the outbox took the page, the walk is repeated and the
        // profiles keep the owners recorded here instead of being assigned anew by a rewound rotation.
        walk.counts[4] += owners.write(assignments);
        if (!offers.isEmpty()) {
            pool.offer(offers, rules);
        }
        if (!entries.isEmpty()) {
            for (EnqueueOutcome o : outbox.enqueueAll(entries)) {
                walk.counts[o == EnqueueOutcome.QUEUED ? 1 : 2]++;
            }
        }
    }

    /** What routing sees of a stored profile: its fields, stage and score. */
    static RoutableProfile routable(StoredProfile stored) {
        ProfileLifecycle l = stored.lifecycle();
        return RoutableProfile.of(stored.profile(), l == null ? null : l.stage(), l == null ? null : l.score());
    }

    private static Instant changedAt(StoredProfile p) {
        Instant updated = p.profile().updatedAt();
        Instant scored = p.lifecycle() == null ? null : p.lifecycle().scoredAt();
        if (updated == null) {
            return scored;
        }
        return scored == null || updated.isAfter(scored) ? updated : scored;
    }

    private static Query changedSince(Instant after) {
        if (after == null) {
            return null;
        }
        String from = after.minus(OVERLAP).toString();
        return Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.range(r -> r.date(d -> d.field("updatedAt").gt(from))))
                .should(s -> s.range(r -> r.date(d -> d.field(StoredProfile.FIELD + ".scoredAt").gt(from))))));
    }

    /** The mutable state of one walk: assignment state, newest change seen, counts. */
    private static final class Walk {
        AssignmentState state;
        Instant newest;
        /** routed, queued, unchanged, incomplete, owners written. */
        final long[] counts = new long[5];

        Walk(AssignmentState state, Instant newest) {
            this.state = state;
            this.newest = newest;
        }

        void saw(Instant changed) {
            if (changed != null && (newest == null || changed.isAfter(newest))) {
                newest = changed;
            }
        }
    }
}

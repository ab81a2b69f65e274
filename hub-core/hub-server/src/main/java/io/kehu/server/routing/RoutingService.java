package io.kehu.server.routing;

import io.kehu.search.Documents;
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
import java.util.Set;
import java.util.TreeSet;
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
 * <p>
 * Around that: before the walk, the CRM records of profiles merged since the checkpoint pass to their
 * survivors ({@link MergeCarryOver}); the owners' conversion rates are computed once per run
 * ({@link OwnerConversionRates}); per page, records of profiles no rule routes there any more are updated
 * ({@link Remapper}); decisions for a destination instance that does not exist are held back.
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
     * @param remapped   updates queued for records of profiles that no rule routes there any more
     * @param unknownDestination decisions held back because their destination instance does not exist
     * @param carriedOver outbox entries of merged-away profiles carried over to their survivors
     */
    public record Result(long profiles, long routed, long queued, long unchanged, long incomplete, long ownersWritten,
                         long millis, long remapped, long unknownDestination, long carriedOver) {
    }

    private static final Logger log = LoggerFactory.getLogger(RoutingService.class);

    private final PointInTimeScan scan;
    private final IndexNames names;
    private final RoutingRules rules;
    private final Outbox outbox;
    private final ProfileOwnerWriter owners;
    private final RoutingStateStore stateStore;
    private final PoolOffers pool;
    private final DestinationInstances destinations;
    private final OwnerConversionRates conversionRates;
    private final MergeCarryOver carryOver;
    private final Remapper remapper;
    private final RoutingScope scope;
    private final Set<String> warnedUnknown = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Clock clock;
    private final int pageSize;
    private final ReentrantLock running = new ReentrantLock();

    public RoutingService(PointInTimeScan scan, IndexNames names, RoutingRules rules, Outbox outbox,
                          ProfileOwnerWriter owners, RoutingStateStore stateStore, PoolOffers pool, Clock clock,
                          int pageSize, Documents docs, DestinationInstances destinations,
                          OwnerConversionRates conversionRates) {
        this.scan = scan;
        this.names = names;
        this.rules = rules;
        this.outbox = outbox;
        this.owners = owners;
        this.stateStore = stateStore;
        this.pool = pool;
        this.clock = clock;
        this.pageSize = pageSize;
        this.destinations = destinations;
        this.conversionRates = conversionRates;
        this.carryOver = new MergeCarryOver(docs, names, outbox);
        this.remapper = new Remapper(outbox);
        this.scope = new RoutingScope(docs, names, OVERLAP);
    }

    /**
     * Warns about every destination instance the rules in force name that does not exist; the hub calls
     * this once its connector instances are loaded. Decisions for such an instance are held back.
     */
    public List<String> checkDestinations() {
        RoutingRules.Current current = rules.current();
        List<String> unknown = DestinationInstances.unknown(current.config(), destinations.ids());
        for (String id : unknown) {
            warnedUnknown.add(current.version() + ":" + id);
            log.warn("Routing rules version {} route to {}, which is no destination instance of this hub: those decisions are held back until it is defined",
                    current.version(), id);
        }
        return unknown;
    }

    /** Runs unless a run is under way on this node (then empty). */
    public Optional<Result> runIfIdle() {
        return runIfIdle(false);
    }

    /**
     * Runs unless a run is under way on this node (then empty). {@code all} walks every profile, not only
     * those changed since the checkpoint, e.g. after changing a destination's field mapping. (A destination
     * that decisions were held back for needs no such call: the checkpoint remembers it.)
     */
    public Optional<Result> runIfIdle(boolean all) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(all));
        } finally {
            running.unlock();
        }
    }

    private Result run(boolean all) {
        long started = System.nanoTime();
        RoutingStateStore.Versioned[] stored = {stateStore.read()};
        RoutingCheckpoint checkpoint = stored[0].checkpoint();
        Instant startedAt = clock.instant();
        // One version of the rules for the whole run, so a run never mixes two.
        RoutingRules.Current current = rules.current();
        Set<String> known = destinations.ids();
        Instant after = all ? null : RoutingScope.from(checkpoint, current.version(), known);
        if (!all && after == null && checkpoint.changedAfter() != null) {
            log.info("Routing rules at version {} (last run: {}), destination(s) {} defined since decisions were held back for them: walking every profile",
                    current.version(), checkpoint.rulesVersion(), RoutingScope.appeared(checkpoint, known));
        }
        long carried = carryOver.since(checkpoint.changedAfter(), OVERLAP);
        int repaired = carryOver.undoneSince(checkpoint.changedAfter(), OVERLAP);
        if (repaired > 0) {
            log.warn("Routing run: {} destination record(s) given back again to profiles restored by a merge undo that a run raced",
                    repaired);
        }
        Optional<Instant> newestChange = scope.newestChange(after);
        // Once per run: which destinations exist, and the owners' conversion rates (one aggregation).
        Walk walk = new Walk(checkpoint.state(), after, known,
                conversionRates.forRun(current.config(), clock.instant()));
        walk.rulesVersion = current.version();
        long profiles = scan.scan(names.profiles(), scope.query(after, current.engine()), NOT_READ, pageSize,
                StoredProfile.class, page -> {
                    routePage(page, current, walk);
                    stored[0] = stateStore.write(stored[0], new RoutingCheckpoint(checkpoint.changedAfter(),
                            walk.state, checkpoint.rulesVersion(), checkpoint.heldBackFor()));
                });
        newestChange.ifPresent(walk::saw);
        // Nothing written before the walk began and refreshed stays unseen longer than the overlap: without
        // this, the last changes before a quiet spell would be walked again by every run until the next change.
        walk.saw(startedAt.minus(OVERLAP));
        stateStore.write(stored[0], new RoutingCheckpoint(walk.newest, walk.state, current.version(),
                RoutingScope.stillHeldBack(checkpoint, after == null, walk.heldBackFor, known)));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Result r = new Result(profiles, walk.counts[0], walk.counts[1], walk.counts[2], walk.counts[3],
                walk.counts[4], millis, walk.remapped, walk.unknownDestination, carried);
        log.info("Routing run done: {} profile(s) walked in {} ms, {} routed, {} queued, {} unchanged, {} held back for missing required fields, {} owner(s) recorded",
                profiles, millis, r.routed(), r.queued(), r.unchanged(), r.incomplete(), r.ownersWritten());
        if (r.remapped() + r.unknownDestination() + r.carriedOver() > 0) {
            log.info("Routing run: {} update(s) of records no rule routes to any more, {} decision(s) held back for an unknown destination, {} record(s) carried over from merged profiles",
                    r.remapped(), r.unknownDestination(), r.carriedOver());
        }
        return r;
    }

    private void routePage(List<VersionedDoc<StoredProfile>> page, RoutingRules.Current rules, Walk walk) {
        Instant now = clock.instant();
        RoutingEngine engine = rules.engine();
        List<OutboxEntry> entries = new ArrayList<>();
        List<ProfileOwnerWriter.Assignment> assignments = new ArrayList<>();
        List<PoolOffers.Offer> offers = new ArrayList<>();
        List<Remapper.Walked> walked = new ArrayList<>(page.size());
        for (VersionedDoc<StoredProfile> doc : page) {
            StoredProfile stored = doc.source();
            walk.saw(RoutingScope.changedAt(stored));
            RoutableProfile profile = routable(stored);
            RoutingResult result = engine.route(profile, walk.state, walk.rates, now);
            walk.state = result.state();
            walked.add(new Remapper.Walked(profile, result));
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
                if (admit(profile.id(), d, walk)) {
                    entries.add(entry(profile.id(), d));
                }
            }
        }
        int firstRemap = entries.size();
        for (Remapper.Remap r : remapper.remaps(engine, walked, now)) {
            if (admit(r.profileId(), r.decision(), walk)) {
                entries.add(entry(r.profileId(), r.decision()));
            }
        }
        // Owners first: if the run stops before the outbox took the page, the walk is repeated and the
        // profiles keep the owners recorded here instead of being assigned anew by a rewound rotation.
        walk.counts[4] += owners.write(assignments);
        if (!offers.isEmpty()) {
            pool.offer(offers, rules);
        }
        if (!entries.isEmpty()) {
            List<EnqueueOutcome> outcomes = outbox.enqueueAll(entries);
            for (int i = 0; i < outcomes.size(); i++) {
                walk.counts[outcomes.get(i) == EnqueueOutcome.QUEUED ? 1 : 2]++;
                if (i >= firstRemap && outcomes.get(i) == EnqueueOutcome.QUEUED) {
                    walk.remapped++;
                }
            }
        }
    }

    /** Whether a decision may be enqueued: its destination exists and it has every required field. */
    private boolean admit(String profileId, RouteDecision d, Walk walk) {
        if (!walk.known.contains(d.destinationInstanceId())) {
            walk.unknownDestination++;
            walk.heldBackFor.add(d.destinationInstanceId());
            // Once per rules version and destination on this node: runs come every minute, the cause stays.
            if (warnedUnknown.add(walk.rulesVersion + ":" + d.destinationInstanceId())) {
                log.warn("Rule {} routes to {}, which is no destination instance of this hub: its decisions are held back",
                        d.ruleId(), d.destinationInstanceId());
            }
            return false;
        }
        if (!d.complete()) {
            walk.counts[3]++;
            // Profile id and field names only: the values are personal data.
            log.info("Profile {} not sent to {}: required field(s) {} have no value", profileId,
                    d.destinationInstanceId(), d.missingRequired());
            return false;
        }
        return true;
    }

    private static OutboxEntry entry(String profileId, RouteDecision d) {
        return new OutboxEntry(profileId, d.destinationInstanceId(), d.ruleId(), d.mappedFields(), d.remoteOwnerId());
    }

    /** What routing sees of a stored profile: its fields, stage and score. */
    static RoutableProfile routable(StoredProfile stored) {
        ProfileLifecycle l = stored.lifecycle();
        return RoutableProfile.of(stored.profile(), l == null ? null : l.stage(), l == null ? null : l.score());
    }

    /** The mutable state of one walk: assignment state, newest change seen, counts. */
    private static final class Walk {
        AssignmentState state;
        Instant newest;
        /** routed, queued, unchanged, incomplete, owners written. */
        final long[] counts = new long[5];
        final Set<String> known;
        final Map<String, Double> rates;
        int rulesVersion;
        long remapped;
        long unknownDestination;
        final Set<String> heldBackFor = new TreeSet<>();

        Walk(AssignmentState state, Instant newest, Set<String> known, Map<String, Double> rates) {
            this.state = state;
            this.newest = newest;
            this.known = known;
            this.rates = rates;
        }

        void saw(Instant changed) {
            if (changed != null && (newest == null || changed.isAfter(newest))) {
                newest = changed;
            }
        }
    }
}

package io.kehu.server.lifecycle;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.api.domain.Profile;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.IndexNames;
import io.kehu.search.PointInTimeScan;
import io.kehu.search.StageChangeDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.lifecycle.LifecycleCalculator.Evaluation;

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
 * Rescores every profile from its stored summary, for decay and the time rules (idle → at risk, at risk →
 * churned), walking the profiles over a point-in-time a page at a time. Writes back only profiles whose
 * stage or shown scores changed, in one bulk per page, each conditional on the version read: a conflict
 * means the ingest path wrote the profile meanwhile, and the next sweep catches up. Profiles whose summary
 * is missing or was built under other summary rules are rebuilt from their timelines on the way; the
 * {@link Mode#REBUILD rebuild} mode rebuilds every one. One sweep at a time.
 */
public final class LifecycleSweep {

    public enum Mode { SCORE, REBUILD }

    /**
     * What one sweep did.
     *
     * @param changed   profiles written back
     * @param rebuilt   profiles whose summary was rebuilt from the timeline
     * @param conflicts profiles skipped because something wrote them during the sweep
     */
    public record Result(Mode mode, long profiles, long changed, long rebuilt, long stageChanges, long conflicts,
                         long millis) {

        public long profilesPerSecond() {
            return millis == 0 ? profiles : profiles * 1000 / millis;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LifecycleSweep.class);

    private final PointInTimeScan scan;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final LifecycleRules rules;
    private final SummaryRebuilder rebuilder;
    private final StageChangeRecorder recorder;
    private final Clock clock;
    private final int pageSize;
    private final ReentrantLock running = new ReentrantLock();
    /** Told after a sweep that wrote profiles (routing's wake-up); must be cheap and never throw. */
    private volatile Runnable afterChange = () -> { };

    public LifecycleSweep(PointInTimeScan scan, BulkWriter bulk, IndexNames names, LifecycleRules rules,
                          SummaryRebuilder rebuilder, StageChangeRecorder recorder, Clock clock, int pageSize) {
        this.scan = scan;
        this.bulk = bulk;
        this.names = names;
        this.rules = rules;
        this.rebuilder = rebuilder;
        this.recorder = recorder;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** Sets what to tell after a sweep changed profiles: a cheap, non-blocking wake-up. */
    public void afterChange(Runnable listener) {
        this.afterChange = listener;
    }

    /** Runs a sweep unless one is running already (then empty). */
    public Optional<Result> runIfIdle(Mode mode) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(run(mode));
        } finally {
            running.unlock();
        }
    }

    private Result run(Mode mode) {
        long started = System.nanoTime();
        long[] counts = new long[5];
        log.info("Lifecycle sweep ({}) started", mode);
        // Reasons are recomputed, never read: not fetching them makes the pages smaller.
        long profiles = scan.scan(names.profiles(), null, List.of(StoredProfile.FIELD + ".reasons"), pageSize,
                StoredProfile.class, page -> sweepPage(page, mode, counts));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Result r = new Result(mode, profiles, counts[0], counts[1], counts[2], counts[3], millis);
        log.info("Lifecycle sweep ({}) done: {} profiles in {} ms, {} written, {} rebuilt, {} stage changes, {} skipped for concurrent writes",
                mode, profiles, millis, r.changed(), r.rebuilt(), r.stageChanges(), r.conflicts());
        if (r.changed() > 0) {
            afterChange.run();
        }
        return r;
    }

    /** counts: changed, rebuilt, stage changes, conflicts. */
    private void sweepPage(List<VersionedDoc<StoredProfile>> page, Mode mode, long[] counts) {
        // One version of the rules and one "now" per page.
        LifecycleCalculator calc = new LifecycleCalculator(rules.current());
        Instant now = clock.instant();
        List<Profile> toRebuild = page.stream().map(VersionedDoc::source)
                .filter(s -> mode == Mode.REBUILD || s.lifecycle() == null
                        || !s.lifecycle().signals().completeFor(calc.folder().basis()))
                .map(StoredProfile::profile).toList();
        Map<String, SignalSummary> rebuilt = toRebuild.isEmpty() ? Map.of()
                : rebuilder.rebuild(toRebuild, calc.folder(), now);
        counts[1] += rebuilt.size();

        List<BulkOperation> writes = new ArrayList<>();
        List<Written> written = new ArrayList<>();
        for (VersionedDoc<StoredProfile> doc : page) {
            StoredProfile stored = doc.source();
            ProfileLifecycle current = stored.lifecycle() != null ? stored.lifecycle()
                    : calc.initial(stored.profile().createdAt(), false);
            SignalSummary fresh = rebuilt.get(doc.id());
            Evaluation e = fresh != null ? calc.rebuilt(stored.profile(), current, fresh, now)
                    : calc.evaluate(stored.profile(), current, now);
            if (fresh == null && stored.lifecycle() != null && !e.differsFrom(stored.lifecycle())) {
                continue;
            }
            StoredProfile next = new StoredProfile(stored.profile(), e.lifecycle());
            writes.add(BulkOperation.of(b -> b.index(x -> x.index(names.profiles()).id(doc.id()).document(next)
                    .ifSeqNo(doc.seqNo()).ifPrimaryTerm(doc.primaryTerm()))));
            written.add(new Written(next, e));
        }
        List<BulkItemResult> results = bulk.execute(writes, false);
        List<BulkOperation> changeOps = new ArrayList<>();
        List<StageChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            BulkItemResult r = results.get(i);
            if (r.conflict()) {
                counts[3]++;
                continue;
            }
            if (!r.ok()) {
                // Elasticsearch's reason can quote field values: DEBUG only.
                log.debug("A sweep write failed: {}", r.reason());
                throw r.retryable() ? HubException.retryable("Elasticsearch pushed back on a sweep write", null)
                        : new HubException(HubException.Kind.BUG, "A sweep write failed: " + r.errorType());
            }
            counts[0]++;
            Written w = written.get(i);
            for (StageChangeDoc change : recorder.docs(w.profile().id(), w.evaluation().changes(),
                    StageChangeRecorder.BY_SWEEP, w.evaluation().lifecycle().rulesVersion())) {
                changeOps.addAll(recorder.operations(change));
                events.add(StageChangeRecorder.event(change, w.profile().profile(), w.evaluation().lifecycle()));
            }
        }
        bulk.executeAll(changeOps, false, "stage change");
        counts[2] += events.size();
        recorder.publish(events);
    }

    private record Written(StoredProfile profile, Evaluation evaluation) {
    }
}

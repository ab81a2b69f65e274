package io.kehu.server.ingest;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.IngestResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.ProfileStore;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.identity.NormalizationResult;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeRecorder;
import io.kehu.server.privacy.SuppressionCheck;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one ingest path: normalizes identifiers, groups a batch by person, resolves identity,
 * folds the new interactions into each profile's lifecycle (scores and stage), and writes profiles,
 * identifier claims, merges, interactions and stage changes in a few bulk requests. Returns
 * only after Elasticsearch acknowledged every write, so callers may commit their position.
 */
public final class IngestService {

    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    private static final int MAX_ROUNDS = 8;

    private final IdentifierNormalizer normalizer;
    private final IdentityResolver resolver;
    private final ResolutionWriter writer;
    private final Clock clock;
    private final int batchSize;
    private final boolean refreshAfterWrite;
    /** Erased people's identifiers, refused before anything is resolved or written. */
    private volatile SuppressionCheck suppressions = SuppressionCheck.NONE;
    /** Told after every batch that wrote profiles (routing's wake-up); must be cheap and never throw. */
    private volatile Runnable afterWrite = () -> { };

    /** With the default lifecycle rules and no stage change listeners. */
    public IngestService(Documents docs, BulkWriter bulk, IndexNames names, IdentifierNormalizer normalizer,
                         Clock clock, int batchSize, boolean refreshAfterWrite) {
        this(docs, bulk, names, normalizer, new LifecycleRules(new LifecycleConfigLoader().loadDefault()),
                new StageChangeRecorder(names, List.of()), clock, batchSize, refreshAfterWrite);
    }

    public IngestService(Documents docs, BulkWriter bulk, IndexNames names, IdentifierNormalizer normalizer,
                         LifecycleRules rules, StageChangeRecorder stageChanges, Clock clock, int batchSize,
                         boolean refreshAfterWrite) {
        this.normalizer = normalizer;
        this.resolver = new IdentityResolver(docs, names, new ProfileStore(docs, names), rules);
        this.writer = new ResolutionWriter(bulk, names, stageChanges);
        this.clock = clock;
        this.batchSize = batchSize;
        this.refreshAfterWrite = refreshAfterWrite;
    }

    /** Gives another writer's profile creation, claims already written, time to finish: 20 ms, 40 ms … */
    private static void pause(int round) {
        try {
            Thread.sleep(20L * round);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HubException.retryable("Interrupted while waiting for a concurrent write", e);
        }
    }

    /** Sets what to tell after a batch wrote profiles: a cheap, non-blocking wake-up. */
    public void afterWrite(Runnable listener) {
        this.afterWrite = listener;
    }

    /** Sets which records to refuse because the person asked to be erased; in memory, never a search. */
    public void suppressions(SuppressionCheck check) {
        this.suppressions = check;
    }

    public int batchSize() {
        return batchSize;
    }

    public IngestResult submit(String connectorId, List<SourceRecord> batch) {
        Instant now = clock.instant();
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        List<NormalizedRecord> usable = new ArrayList<>(batch.size());
        for (SourceRecord record : batch) {
            List<Identifier> ids = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            for (NormalizationResult r : normalizer.normalizeAll(record.lead().identifiers())) {
                if (r.ok()) {
                    ids.add(r.normalized());
                } else {
                    reasons.add(r.type().prefix() + " " + r.rejectionReason());
                }
            }
            if (ids.isEmpty()) {
                String reason = reasons.isEmpty() ? "no phone, e-mail or other identifier"
                        : "no usable identifier: " + String.join("; ", reasons);
                rejected.add(new IngestResult.Rejection(record.key(), record.position(), reason));
            } else if (suppressions.suppressed(ids)) {
                rejected.add(new IngestResult.Rejection(record.key(), record.position(), SuppressionCheck.REASON));
            } else {
                usable.add(new NormalizedRecord(record, ids));
            }
        }

        List<List<NormalizedRecord>> pending = RecordGrouper.group(usable);
        int created = 0;
        int updated = 0;
        int merged = 0;
        Set<String> ownRecords = new HashSet<>();
        usable.forEach(r -> ownRecords.add(r.record().key()));
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_ROUNDS) {
                throw HubException.retryable("Identity resolution kept conflicting with concurrent writes; retry the batch", null);
            }
            IdentityResolver.Plans plans = resolver.plan(pending, connectorId, now, ownRecords);
            List<GroupPlan> lost = writer.write(plans.ready(), connectorId, now, refreshAfterWrite);
            Set<GroupPlan> lostSet = Collections.newSetFromMap(new IdentityHashMap<>());
            lostSet.addAll(lost);
            for (GroupPlan p : plans.ready()) {
                if (lostSet.contains(p)) {
                    continue;
                }
                created += p.isNew() ? 1 : 0;
                updated += p.records().size() - (p.isNew() ? 1 : 0);
                merged += p.absorbed().size();
            }
            if (!lost.isEmpty() || !plans.waiting().isEmpty()) {
                log.warn("Identity resolution round {} of {}: {} people conflicted with concurrent writes, {} wait for a profile another writer is creating; resolving again",
                        round, MAX_ROUNDS, lost.size(), plans.waiting().size());
            }
            List<List<NormalizedRecord>> next = new ArrayList<>(plans.waiting());
            lost.forEach(p -> next.add(p.records()));
            pending = next;
            if (!plans.waiting().isEmpty()) {
                pause(round);
            }
        }
        log.debug("Ingested {} records from {}: {} new profiles, {} updates, {} merges, {} rejected",
                batch.size(), connectorId, created, updated, merged, rejected.size());
        if (created + updated + merged > 0) {
            afterWrite.run();
        }
        return new IngestResult(created, updated, merged, rejected);
    }
}

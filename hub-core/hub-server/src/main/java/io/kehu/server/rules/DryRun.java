package io.kehu.server.rules;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubException;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.ScoringRules;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how stage and tier counts would change under candidate rules: walks every profile with a
 * point-in-time and {@code search_after} (memory bounded by one page), places each under the
 * candidate and counts. Nothing is written.
 */
public final class DryRun {

    private static final Logger log = LoggerFactory.getLogger(DryRun.class);
    /** Counted for profiles the lifecycle engine has not scored yet. */
    public static final String UNSCORED = "unscored";
    private static final Time KEEP_ALIVE = Time.of(t -> t.time("2m"));

    /** Counts per stage and per tier, in model order, zeros included. */
    public record Counts(Map<String, Long> stages, Map<String, Long> tiers) {
    }

    /**
     * @param changed    profiles whose stage or tier would change
     * @param stageMoves from-stage → to-stage → profiles (non-zero cells only, staying put included)
     * @param tierMoves  from-tier → to-tier → profiles
     */
    public record Report(int candidateVersion, long profiles, long changed, Counts before, Counts after,
                         Map<String, Map<String, Long>> stageMoves, Map<String, Map<String, Long>> tierMoves) {
    }

    private final Documents docs;
    private final IndexNames names;
    private final CandidateEvaluator evaluator;
    private final Clock clock;
    private final int pageSize;
    // A dry run reads every profile: one at a time is enough for a tool meant for rule authors.
    private final Semaphore running = new Semaphore(1);

    public DryRun(Documents docs, IndexNames names, CandidateEvaluator evaluator, Clock clock, int pageSize) {
        this.docs = docs;
        this.names = names;
        this.evaluator = evaluator;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** {@code current} orders the "before" counts; {@code candidate} is evaluated and orders "after". */
    public Report run(LifecycleConfig current, LifecycleConfig candidate) {
        if (!running.tryAcquire()) {
            throw HubException.configuration("Another dry run is in progress; try again when it has finished");
        }
        try {
            return walk(current, candidate);
        } finally {
            running.release();
        }
    }

    private Report walk(LifecycleConfig current, LifecycleConfig candidate) {
        CandidateEvaluator.Evaluation evaluation = evaluator.under(candidate, clock.instant());
        Counts before = emptyCounts(current);
        Counts after = emptyCounts(candidate);
        Map<String, Map<String, Long>> stageMoves = new LinkedHashMap<>();
        Map<String, Map<String, Long>> tierMoves = new LinkedHashMap<>();
        long profiles = 0;
        long changed = 0;
        String index = names.profiles();
        String pit = Documents.call(() -> docs.client().openPointInTime(p -> p.index(index).keepAlive(KEEP_ALIVE)),
                index).id();
        try {
            List<FieldValue> lastSort = null;
            while (true) {
                String pitId = pit;
                List<FieldValue> cursor = lastSort;
                SearchResponse<JsonNode> page = Documents.call(() -> docs.client().search(s -> {
                    s.pit(p -> p.id(pitId).keepAlive(KEEP_ALIVE)).size(pageSize)
                            .sort(o -> o.field(f -> f.field("_shard_doc")))
                            .source(src -> src.filter(f -> f.excludes("lifecycle.reasons", "lifecycle.signals")));
                    if (cursor != null) {
                        s.searchAfter(cursor);
                    }
                    return s;
                }, JsonNode.class), index);
                if (page.pitId() != null) {
                    pit = page.pitId();
                }
                List<Hit<JsonNode>> hits = page.hits().hits();
                for (Hit<JsonNode> hit : hits) {
                    JsonNode stored = hit.source().path("lifecycle");
                    String fromStage = text(stored, "stage");
                    String fromTier = text(stored, "tier");
                    CandidateEvaluator.Placement to = evaluation.place(hit.source());
                    profiles++;
                    if (!fromStage.equals(to.stage()) || !fromTier.equals(to.tier())) {
                        changed++;
                    }
                    before.stages().merge(fromStage, 1L, Long::sum);
                    before.tiers().merge(fromTier, 1L, Long::sum);
                    after.stages().merge(to.stage(), 1L, Long::sum);
                    after.tiers().merge(to.tier(), 1L, Long::sum);
                    stageMoves.computeIfAbsent(fromStage, k -> new LinkedHashMap<>()).merge(to.stage(), 1L, Long::sum);
                    tierMoves.computeIfAbsent(fromTier, k -> new LinkedHashMap<>()).merge(to.tier(), 1L, Long::sum);
                }
                if (hits.size() < pageSize) {
                    break;
                }
                lastSort = hits.get(hits.size() - 1).sort();
            }
        } finally {
            closeQuietly(pit);
        }
        log.info("Dry run of lifecycle rules: {} profiles, {} would change stage or tier", profiles, changed);
        return new Report(candidate.version(), profiles, changed, before, after, stageMoves, tierMoves);
    }

    private static Counts emptyCounts(LifecycleConfig config) {
        Map<String, Long> stages = new LinkedHashMap<>();
        for (LifecycleModel.Stage s : config.lifecycle().stages()) {
            stages.put(s.id(), 0L);
        }
        Map<String, Long> tiers = new LinkedHashMap<>();
        for (ScoringRules.Tier t : config.scoring().tiers()) {
            tiers.put(t.id(), 0L);
        }
        return new Counts(stages, tiers);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : UNSCORED;
    }

    private void closeQuietly(String pit) {
        try {
            docs.client().closePointInTime(c -> c.id(pit));
        } catch (Exception e) {
            // It expires on its own after the keep-alive.
            log.debug("Could not close a point-in-time", e);
        }
    }
}

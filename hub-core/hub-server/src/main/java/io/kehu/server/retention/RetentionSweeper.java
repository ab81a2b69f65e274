package io.kehu.server.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.PointInTimeScan;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished records past their retention, rule by rule. Safe on several hub nodes at once: a
 * document another node deleted first is not found, and that is no failure.
 */
public final class RetentionSweeper {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

    /**
     * @param deleted per rule name, in rule order; a rule that keeps everything is absent
     * @param failures per rule name, the documents Elasticsearch could not delete (retried next sweep)
     */
    public record Result(Map<String, Long> deleted, Map<String, Long> failures, long millis) {
    }

    private static final List<String> NO_SOURCE = List.of("*");
    private static final int PAGE_SIZE = 1000;

    private final PointInTimeScan scan;
    private final BulkWriter bulk;
    private final List<RetentionRule> rules;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public RetentionSweeper(ElasticsearchClient client, List<RetentionRule> rules, Clock clock) {
        this.scan = new PointInTimeScan(client);
        this.bulk = new BulkWriter(client);
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    /** Runs unless a sweep is under way on this node (then empty). */
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
        Instant now = clock.instant();
        Map<String, Long> deleted = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            if (!rule.enabled()) {
                continue;
            }
            Counts c = delete(rule, now.minus(rule.keep()));
            deleted.put(rule.name(), c.deleted);
            if (c.failed > 0) {
                failures.put(rule.name(), c.failed);
                log.warn("Retention of {}: {} document(s) not deleted, first error: {}", rule.name(), c.failed,
                        c.firstError);
            }
            if (c.deleted > 0) {
                log.info("Retention of {}: deleted {} document(s) older than {}", rule.name(), c.deleted, rule.keep());
            }
        }
        return new Result(deleted, failures, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Deletes the matching documents a page at a time: a point-in-time walk for their ids, then a bulk of
     * conditional deletes. Not delete-by-query, which the embedded node lacks (it has no reindex module).
     * Conditional, so a record that changed after the walk read it (a dead letter replayed again) stays.
     */
    private Counts delete(RetentionRule rule, Instant before) {
        Query query = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field(rule.timeField()).lt(before.toString()))));
            if (!rule.statuses().isEmpty()) {
                b.filter(f -> f.terms(t -> t.field("status")
                        .terms(v -> v.value(rule.statuses().stream().map(FieldValue::of).toList()))));
            }
            return b;
        }));
        Counts counts = new Counts();
        scan.scan(rule.index(), query, NO_SOURCE, PAGE_SIZE, Map.class, page -> {
            List<BulkOperation> deletes = page.stream().map(d -> BulkOperation.of(o -> o.delete(x -> x
                    .index(rule.index()).id(d.id()).ifSeqNo(d.seqNo()).ifPrimaryTerm(d.primaryTerm())))).toList();
            for (BulkItemResult r : bulk.execute(deletes, false)) {
                if (r.ok()) {
                    counts.deleted++;
                } else if (r.status() != 404 && !r.conflict()) {
                    // Gone already (another node) or changed since the walk: not a failure.
                    counts.failed++;
                    counts.firstError = counts.firstError == null ? r.errorType() : counts.firstError;
                }
            }
        });
        return counts;
    }

    private static final class Counts {
        long deleted;
        long failed;
        String firstError;
    }
}

package io.kehu.server.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import io.kehu.search.ScanDeletes;
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

    private final ScanDeletes deletes;
    private final List<RetentionRule> rules;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public RetentionSweeper(ElasticsearchClient client, List<RetentionRule> rules, Clock clock) {
        this.deletes = new ScanDeletes(client);
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
            ScanDeletes.Counts c = delete(rule, now.minus(rule.keep()));
            deleted.put(rule.name(), c.deleted());
            if (c.failed() > 0) {
                failures.put(rule.name(), c.failed());
                log.warn("Retention of {}: {} document(s) not deleted, first error: {}", rule.name(), c.failed(),
                        c.firstError());
            }
            if (c.deleted() > 0) {
                log.info("Retention of {}: deleted {} document(s) older than {}", rule.name(), c.deleted(), rule.keep());
            }
        }
        return new Result(deleted, failures, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Conditional deletes, so a record that changed after the walk read it (a dead letter replayed again)
     * stays.
     */
    private ScanDeletes.Counts delete(RetentionRule rule, Instant before) {
        Query query = Query.of(q -> q.bool(b -> {
            b.filter(f -> f.range(r -> r.date(d -> d.field(rule.timeField()).lt(before.toString()))));
            if (!rule.statuses().isEmpty()) {
                b.filter(f -> f.terms(t -> t.field("status")
                        .terms(v -> v.value(rule.statuses().stream().map(FieldValue::of).toList()))));
            }
            return b;
        }));
        return deletes.deleteMatching(rule.index(), query);
    }
}

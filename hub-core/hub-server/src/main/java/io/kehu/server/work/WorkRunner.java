package io.kehu.server.work;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.kehu.api.HubException;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.WorkHandler;
import io.kehu.api.spi.WorkQueue;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.WorkDoc;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One instance's work queue: items are stored in Elasticsearch before {@link #enqueue} returns,
 * run in the background, retried with backoff and jitter, and moved to the dead-letter store when
 * they keep failing. Pending items of an earlier run are picked up again when the runner starts.
 */
public final class WorkRunner implements WorkQueue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WorkRunner.class);

    private final String connectorId;
    private final Documents docs;
    private final IndexNames names;
    private final DeadLetterService deadLetters;
    private final RetryPolicy policy;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final BulkWriter bulk;
    private volatile WorkHandler handler;
    private volatile ScheduledExecutorService executor;

    public WorkRunner(String connectorId, Documents docs, IndexNames names, DeadLetterService deadLetters,
                      RetryPolicy policy, ConnectorMetrics metrics, Clock clock) {
        this.connectorId = connectorId;
        this.docs = docs;
        this.names = names;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
        this.bulk = new BulkWriter(docs.client());
    }

    @Override
    public boolean enqueue(String key, String type, String payload) {
        Instant now = clock.instant();
        if (key == null || key.isBlank()) {
            throw new HubException(HubException.Kind.BUG, "A work item needs an id");
        }
        WorkDoc doc = new WorkDoc(connectorId, key, type, payload, WorkDoc.PENDING, 0, now, null, now, now);
        // A bulk create reports a duplicate as an item status, which the plain create API does not do reliably.
        BulkItemResult r = bulk.execute(List.of(BulkOperation.of(b -> b.create(c -> c.index(names.work())
                .id(WorkDoc.id(connectorId, key)).document(doc)))), false).get(0);
        if (r.conflict()) {
            metrics.increment("work.duplicates", 1);
            return false;
        }
        if (!r.ok()) {
            throw HubException.retryable("Could not store a work item: " + r.errorType(), null);
        }
        metrics.increment("work.enqueued", 1);
        ScheduledExecutorService ex = executor;
        if (ex != null) {
            ex.execute(() -> run(key));
        }
        return true;
    }

    /** Starts processing with {@code handler}, including items left pending by an earlier run. */
    public synchronized void start(WorkHandler handler) {
        this.handler = handler;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "work-" + connectorId);
            t.setDaemon(true);
            return t;
        });
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(names.work())), names.work());
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> cursor = after;
            var page = Documents.call(() -> docs.client().search(s -> {
                s.index(names.work()).size(500)
                        .query(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("connectorId").value(connectorId)))
                                .filter(f -> f.term(t -> t.field("status").value(WorkDoc.PENDING)))))
                        .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Asc)))
                        .sort(o -> o.field(f -> f.field("key").order(SortOrder.Asc)));
                if (cursor != null) {
                    s.searchAfter(cursor);
                }
                return s;
            }, WorkDoc.class), names.work());
            List<Hit<WorkDoc>> hits = page.hits().hits();
            for (Hit<WorkDoc> h : hits) {
                schedule(h.source().key(), h.source().nextAttemptAt());
            }
            if (hits.size() < 500) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private void schedule(String key, Instant at) {
        long delay = at == null ? 0 : Math.max(0, Duration.between(clock.instant(), at).toMillis());
        executor.schedule(() -> run(key), delay, TimeUnit.MILLISECONDS);
    }

    private void run(String key) {
        WorkDoc doc = docs.get(names.work(), WorkDoc.id(connectorId, key), WorkDoc.class).map(d -> d.source()).orElse(null);
        if (doc == null || !WorkDoc.PENDING.equals(doc.status())) {
            return;
        }
        MDC.put("connector.id", connectorId);
        try {
            handler.process(doc.key(), doc.type(), doc.payload());
            save(doc.with(WorkDoc.DONE, doc.attempts() + 1, null, null, clock.instant()));
            metrics.increment("work.done", 1);
        } catch (RuntimeException e) {
            failed(doc, e);
        } finally {
            MDC.remove("connector.id");
        }
    }

    private void failed(WorkDoc doc, RuntimeException e) {
        int attempts = doc.attempts() + 1;
        metrics.error(e instanceof HubException ? e.getMessage() : "Work failed: " + e.getClass().getSimpleName());
        boolean retryable = !(e instanceof HubException h) || h.retryable();
        String reason = e instanceof HubException ? e.getMessage() : "Unexpected " + e.getClass().getSimpleName()
                + " in the connector";
        if (retryable && attempts < policy.maxAttempts()) {
            Instant next = clock.instant().plus(policy.backoff(attempts));
            log.warn("Work item {} failed, retry {} of {} at {}: {}", doc.type(), attempts, policy.maxAttempts() - 1, next, reason);
            save(doc.with(WorkDoc.PENDING, attempts, next, reason, clock.instant()));
            schedule(doc.key(), next);
            return;
        }
        log.error("Work item {} gave up after {} attempts, moved to the dead-letter store: {}", doc.type(), attempts, reason);
        deadLetters.put(connectorId, new DeadLetter(doc.key(), "work", reason, "text/plain",
                doc.payload() == null ? null : doc.payload().getBytes(StandardCharsets.UTF_8),
                Map.of("workType", doc.type() == null ? "" : doc.type())), attempts);
        save(doc.with(WorkDoc.DEAD, attempts, null, reason, clock.instant()));
        metrics.increment("work.dead", 1);
    }

    private void save(WorkDoc doc) {
        docs.put(names.work(), WorkDoc.id(connectorId, doc.key()), doc, false);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}

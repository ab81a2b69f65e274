package io.kehu.server.delivery;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.search.DeliveryLogDoc;
import io.kehu.search.OutboxDoc;
import io.kehu.search.VersionedDoc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the destination's answers to one batch: each item's next state, written against the
 * version that was sent, and one delivery log entry per item, in one bulk request.
 */
final class ResultWriter {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

    private final OutboxStore store;
    private final DeliveryLog deliveryLog;
    private final OutboxTransitions transitions;

    ResultWriter(OutboxStore store, DeliveryLog deliveryLog, OutboxTransitions transitions) {
        this.store = store;
        this.deliveryLog = deliveryLog;
        this.transitions = transitions;
    }

    /**
     * @param sent     the items as read before the call, with their versions
     * @param batch    what was sent, in the same order
     * @param results  the answers, in the same order
     * @param at       when the answer came: retries are counted from then, not from when the call began
     * @param wholeCall the call failed as a whole: one result for every item
     */
    void write(String destination, List<VersionedDoc<OutboxDoc>> sent, List<Delivery> batch, List<DeliveryResult> results,
               Instant at, ConnectorMetrics metrics, boolean wholeCall) {
        // A failed call is retried as one batch at one time. Drawn per item, the jitter would bring it back a few
        // leads at a time, each piece using a call of the destination's budget.
        Duration batchDelay = wholeCall && !sent.isEmpty()
                ? transitions.retryDelay(sent.stream().mapToInt(d -> d.source().attempts()).max().orElse(0) + 1,
                        results.get(0).retryAfter())
                : null;
        Map<String, VersionedDoc<OutboxDoc>> known = new LinkedHashMap<>();
        Map<String, String> sentHash = new HashMap<>();
        Map<String, DeliveryResult> answers = new HashMap<>();
        List<BulkOperation> logEntries = new ArrayList<>();
        int retried = 0;
        String firstRetryCode = null;
        for (int i = 0; i < sent.size(); i++) {
            OutboxDoc doc = sent.get(i).source();
            DeliveryResult r = results.get(i);
            known.put(sent.get(i).id(), sent.get(i));
            sentHash.put(sent.get(i).id(), doc.payloadHash());
            answers.put(sent.get(i).id(), r);
            // What this answer means for the payload sent; the stored state may differ only when the
            // item changed meanwhile, and then the new payload's own attempts decide.
            OutboxDoc next = transitions.answer(doc, doc.payloadHash(), r, at, batchDelay);
            logEntries.add(deliveryLog.entry(new DeliveryLogDoc(destination, doc.profileId(), doc.ruleId(), at,
                    next.attempts(), r.outcome().name(), !r.succeeded() && r.retryable(), next.status(),
                    r.remoteId() != null ? r.remoteId() : doc.remoteId(), r.code(), r.message(), next.nextAttemptAt(),
                    batch.get(i).fields(), batch.get(i).owner())));
            switch (next.status()) {
                case OutboxDoc.DELIVERED -> {
                    metrics.increment("deliveries.delivered", 1);
                    metrics.increment(r.outcome() == DeliveryResult.Outcome.CREATED ? "deliveries.created" : "deliveries.updated", 1);
                    log.debug("Delivered profile {} to {}: {} {}", doc.profileId(), destination, r.outcome(), next.remoteId());
                }
                case OutboxDoc.FAILED -> {
                    metrics.increment("deliveries.failed", 1);
                    // The destination's message can quote the lead's data: it is kept in the outbox, not logged.
                    log.error("Delivery of profile {} to {} failed for good after {} attempts (code {}); fix and replay it "
                            + "through /api/v1/deliveries", doc.profileId(), destination, next.attempts(), r.code());
                }
                default -> {
                    metrics.increment("deliveries.retried", 1);
                    retried++;
                    firstRetryCode = firstRetryCode == null ? r.code() : firstRetryCode;
                    log.debug("Delivery of profile {} to {} failed (code {}), attempt {} of {}, next at {}", doc.profileId(),
                            destination, r.code(), next.attempts(), transitions.policy().maxAttempts(), next.nextAttemptAt());
                }
            }
        }
        if (retried > 0) {
            log.warn("{} of {} deliveries to {} failed and will be retried with backoff (first code {})", retried, sent.size(),
                    destination, firstRetryCode);
        }
        store.apply(known.keySet(), known,
                (id, current) -> transitions.answer(current, sentHash.get(id), answers.get(id), at, batchDelay), logEntries);
    }
}

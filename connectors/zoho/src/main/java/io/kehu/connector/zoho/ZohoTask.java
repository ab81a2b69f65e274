package io.kehu.connector.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.HttpAnswer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts Leads with the hub's key in the external id field, matched on the duplicate check fields. A
 * replay, or a delivery whose remote id is already known, matches the same Lead and updates it.
 */
final class ZohoTask implements DestinationTask {

    static final int MAX_BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(ZohoTask.class);
    /** Statuses whose body still carries one result per record: all succeeded, some did (207), none did (400). */
    private static final Set<Integer> PER_RECORD_STATUSES = Set.of(200, 201, 202, 207, 400);
    /** Per-record codes that pass by themselves. */
    private static final Set<String> RETRYABLE_CODES = Set.of("INTERNAL_ERROR", "RECORD_LOCKED", "LIMIT_EXCEEDED");

    private final ZohoConfig config;
    private final ZohoClient client;
    private final ConnectorMetrics metrics;

    ZohoTask(ZohoConfig config, ZohoClient client, ConnectorMetrics metrics) {
        this.config = config;
        this.client = client;
        this.metrics = metrics;
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    // No rateLimit(): Zoho meters API credits per rolling 24 hours and concurrent calls per org, not calls
    // per window; running out answers 429 TOO_MANY_REQUESTS or LIMIT_EXCEEDED, both retried.

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        HttpAnswer answer = client.upsert(batch.stream().map(this::record).toList());
        JsonNode data = perRecordData(answer);
        if (data == null) {
            throw client.failure(answer);
        }
        if (data.size() != batch.size()) {
            throw RemoteCallException.retryable(ZohoClient.VENDOR + " answered " + batch.size() + " upserts with "
                    + data.size() + " results", answer.status(), "MALFORMED_ANSWER", null);
        }
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DeliveryResult r = one(data.get(i));
            results.add(r);
            log.debug("Lead {}: {} {}", batch.get(i).idempotencyKey(), r.outcome(), r.succeeded() ? r.remoteId() : r.code());
            metrics.increment("leads." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
        }
        return results;
    }

    /** The {@code data} array of an answer that has one, or null for a whole-call failure. */
    private JsonNode perRecordData(HttpAnswer answer) {
        if (!PER_RECORD_STATUSES.contains(answer.status())) {
            return null;
        }
        if (answer.status() != 400) {
            JsonNode body = answer.json();
            JsonNode data = body.path("data");
            if (!data.isArray() && body.hasNonNull("code")) {
                throw client.failure(answer); // {"code","message","status":"error"} inside a 2xx
            }
            if (!data.isArray()) {
                throw RemoteCallException.retryable(ZohoClient.VENDOR + " answered HTTP " + answer.status() + " without a data list",
                        answer.status(), "MALFORMED_ANSWER", null);
            }
            return data;
        }
        JsonNode body = answer.jsonOrNull();
        JsonNode data = body == null ? null : body.get("data");
        return data != null && data.isArray() ? data : null;
    }

    /** One result: {@code {"code","duplicate_field","action","details":{"id"| "api_name"},"message","status"}}. */
    private static DeliveryResult one(JsonNode result) {
        String code = HttpAnswer.text(result, "code");
        JsonNode details = result.path("details");
        if ("success".equals(result.path("status").asText()) && "SUCCESS".equals(code)) {
            String id = HttpAnswer.text(details, "id");
            return "insert".equals(result.path("action").asText()) ? DeliveryResult.created(id) : DeliveryResult.updated(id);
        }
        String message = HttpAnswer.text(result, "message");
        String field = HttpAnswer.text(details, "api_name");
        if (field != null) {
            message = message + ": " + field;
        }
        return RETRYABLE_CODES.contains(code) ? DeliveryResult.retry(code, message, null) : DeliveryResult.rejected(code, message);
    }

    private Map<String, Object> record(Delivery d) {
        Map<String, Object> r = new LinkedHashMap<>(d.fields());
        r.remove("id");
        r.put(config.externalIdField(), d.idempotencyKey());
        if (d.owner() != null && !d.owner().isBlank()) {
            r.put("Owner", Map.of("id", d.owner()));
        }
        return r;
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

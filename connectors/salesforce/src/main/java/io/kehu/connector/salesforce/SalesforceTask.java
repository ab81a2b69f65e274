package io.kehu.connector.salesforce;

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
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts Leads by the external id field, whose value is each delivery's idempotency key: a replay, or a
 * delivery whose remote id is already known, updates the same Lead. One delivery goes through the
 * single-record upsert, more through one sObject Collections call with {@code allOrNone:false}.
 */
final class SalesforceTask implements DestinationTask {

    static final int MAX_BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(SalesforceTask.class);
    /** Per-record codes that pass by themselves: a locked row, a momentary limit. */
    private static final Set<String> RETRYABLE_CODES = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED",
            "SERVER_UNAVAILABLE", "UNKNOWN_EXCEPTION");

    private final SalesforceConfig config;
    private final SalesforceClient client;
    private final ConnectorMetrics metrics;

    SalesforceTask(SalesforceConfig config, SalesforceClient client, ConnectorMetrics metrics) {
        this.config = config;
        this.client = client;
        this.metrics = metrics;
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    // No rateLimit(): Salesforce counts API requests per rolling 24 hours, not per second; running out
    // answers REQUEST_LIMIT_EXCEEDED, which is retried after SalesforceClient.REQUEST_LIMIT_WAIT.

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<DeliveryResult> results = batch.size() == 1 ? List.of(deliverOne(batch.get(0))) : deliverMany(batch);
        for (int i = 0; i < batch.size(); i++) {
            DeliveryResult r = results.get(i);
            log.debug("Lead {}: {} {}", batch.get(i).idempotencyKey(), r.outcome(), r.succeeded() ? r.remoteId() : r.code());
        }
        results.forEach(r -> metrics.increment("leads." + r.outcome().name().toLowerCase(java.util.Locale.ROOT), 1));
        return results;
    }

    private DeliveryResult deliverOne(Delivery d) {
        HttpAnswer answer = client.upsertOne(d.idempotencyKey(), record(d, false));
        return switch (answer.status()) {
            case 201 -> DeliveryResult.created(HttpAnswer.text(answer.json(), "id"));
            // API versions before 46.0 answered an update with 204 and no body.
            case 204 -> DeliveryResult.updated(d.remoteId());
            case 200 -> one(answer.json(), d);
            case 300 -> DeliveryResult.rejected("MULTIPLE_RECORDS_MATCH", "Several Leads have " + config.externalIdField()
                    + " = " + d.idempotencyKey() + "; make the field Unique and merge the duplicates");
            case 400 -> rejected(SalesforceClient.firstError(answer), answer);
            default -> throw client.failure(answer);
        };
    }

    private List<DeliveryResult> deliverMany(List<Delivery> batch) {
        List<Map<String, Object>> records = batch.stream().map(d -> record(d, true)).toList();
        HttpAnswer answer = client.upsertMany(records);
        if (!answer.ok()) {
            throw client.failure(answer);
        }
        JsonNode results = answer.json();
        if (!results.isArray() || results.size() != batch.size()) {
            throw RemoteCallException.retryable(SalesforceClient.VENDOR + " answered " + batch.size()
                    + " upserts with " + (results.isArray() ? results.size() + " results" : "no result list"),
                    answer.status(), "MALFORMED_ANSWER", null);
        }
        List<DeliveryResult> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(one(results.get(i), batch.get(i)));
        }
        return out;
    }

    /** One UpsertResult: {@code {"id","success","created","errors":[{"statusCode","message","fields"}]}}. */
    private DeliveryResult one(JsonNode result, Delivery d) {
        if (result.path("success").asBoolean(false)) {
            String id = HttpAnswer.text(result, "id");
            return result.path("created").asBoolean(false) ? DeliveryResult.created(id) : DeliveryResult.updated(id);
        }
        JsonNode errors = result.path("errors");
        return rejected(errors.isArray() && !errors.isEmpty() ? errors.get(0) : null, null);
    }

    private static DeliveryResult rejected(JsonNode error, HttpAnswer answer) {
        if (error == null) {
            return DeliveryResult.retry("NO_RESULT", "Salesforce reported a failure without an error"
                    + (answer == null ? "" : " (HTTP " + answer.status() + ")"), null);
        }
        // Collections results say statusCode, single-record error lists say errorCode.
        String code = HttpAnswer.text(error, "statusCode");
        if (code == null) {
            code = HttpAnswer.text(error, "errorCode");
        }
        String message = HttpAnswer.text(error, "message");
        return RETRYABLE_CODES.contains(code) ? DeliveryResult.retry(code, message, null) : DeliveryResult.rejected(code, message);
    }

    /**
     * The Lead's fields, the external id and the owner. The single-record upsert names the external id in the
     * URL and must not repeat it in the body.
     */
    private Map<String, Object> record(Delivery d, boolean collection) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (collection) {
            r.put("attributes", Map.of("type", "Lead"));
        }
        r.putAll(d.fields());
        r.remove("Id");
        r.remove(config.externalIdField());
        if (collection) {
            r.put(config.externalIdField(), d.idempotencyKey());
        }
        if (d.owner() != null && !d.owner().isBlank()) {
            r.put("OwnerId", d.owner());
        }
        return r;
    }

    @Override
    public void close() {
        // Nothing held open: java.net.http clients free their connections when unreferenced.
    }
}

package io.kehu.connector.hubspot;

import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RateLimit;
import io.kehu.connector.kit.HttpAnswer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts contacts by the configured unique property in one batch call. A replay, or a delivery whose
 * remote id is already known, matches the same contact by that property and updates it.
 */
final class HubSpotTask implements DestinationTask {

    static final int MAX_BATCH = 100;
    static final String OWNER_PROPERTY = "hubspot_owner_id";
    private static final Logger log = LoggerFactory.getLogger(HubSpotTask.class);

    private final HubSpotConfig config;
    private final HubSpotClient client;
    private final ConnectorMetrics metrics;

    HubSpotTask(HubSpotConfig config, HubSpotClient client, ConnectorMetrics metrics) {
        this.config = config;
        this.client = client;
        this.metrics = metrics;
    }

    @Override
    public int maxBatchSize() {
        return MAX_BATCH;
    }

    @Override
    public RateLimit rateLimit() {
        return RateLimit.of(config.callsPer10Seconds(), HubSpotClient.TEN_SECONDS);
    }

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        DeliveryResult[] results = new DeliveryResult[batch.size()];
        List<HubSpotResults.Input> inputs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            Delivery d = batch.get(i);
            String id = idValue(d);
            if (id == null) {
                results[i] = DeliveryResult.rejected("MISSING_ID_PROPERTY",
                        "The lead has no value for " + config.idProperty() + ", which HubSpot upserts by");
            } else if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                // HubSpot refuses a batch naming one contact twice; the second goes in a later batch.
                results[i] = DeliveryResult.retry("DUPLICATE_IN_BATCH",
                        "Another lead in the same batch has this " + config.idProperty(), Duration.ZERO);
            } else {
                inputs.add(new HubSpotResults.Input(i, d, id));
            }
        }
        if (!inputs.isEmpty()) {
            HttpAnswer answer = client.upsert(inputs.stream().map(this::input).toList());
            new HubSpotResults(client, answer).assign(inputs, results);
        }
        List<DeliveryResult> out = List.of(results);
        for (int i = 0; i < batch.size(); i++) {
            DeliveryResult r = out.get(i);
            log.debug("Contact {}: {} {}", batch.get(i).idempotencyKey(), r.outcome(), r.succeeded() ? r.remoteId() : r.code());
            metrics.increment("leads." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
        }
        return out;
    }

    private String idValue(Delivery d) {
        if (config.idFromKey()) {
            return d.idempotencyKey();
        }
        Object v = d.fields().get(config.idProperty());
        return v == null || v.toString().isBlank() ? null : v.toString().trim();
    }

    private Map<String, Object> input(HubSpotResults.Input in) {
        Map<String, Object> properties = new LinkedHashMap<>(in.delivery().fields());
        if (in.delivery().owner() != null && !in.delivery().owner().isBlank()) {
            properties.put(OWNER_PROPERTY, in.delivery().owner());
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("idProperty", config.idProperty());
        input.put("id", in.id());
        input.put("properties", properties);
        // Echoed in results and errors: ties each answer to its lead even where the id value is rewritten.
        input.put("objectWriteTraceId", in.delivery().idempotencyKey());
        return input;
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

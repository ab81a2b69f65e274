package io.kehu.connector.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RateLimit;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.CreateOnce;
import io.kehu.connector.kit.RemoteIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers leads to 纷享销客 one record per call. It has no upsert, so {@link CreateOnce} decides between
 * update, look-up and create, and the hub's key is written into the configured external-key field.
 */
final class FxiaokeTask implements DestinationTask, CreateOnce.Remote {

    private static final Logger log = LoggerFactory.getLogger(FxiaokeTask.class);

    private final FxiaokeConfig config;
    private final FxiaokeClient client;
    private final CreateOnce once;
    private final DestinationContext context;

    FxiaokeTask(FxiaokeConfig config, DestinationContext context, Clock clock) {
        this.config = config;
        this.context = context;
        this.client = new FxiaokeClient(config, context.secrets(), clock);
        this.once = new CreateOnce(new RemoteIds(context.state()), this);
    }

    /** One record per call, and the SPI allows one counted call per {@code deliver}. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public RateLimit rateLimit() {
        return RateLimit.of(100, Duration.ofSeconds(20));
    }

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            DeliveryResult r = once.deliver(d);
            log.debug("Fxiaoke {} for {}: {} {}", r.outcome(), d.idempotencyKey(), r.remoteId(), r.code());
            context.metrics().increment("deliveries." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
            results.add(r);
        }
        return results;
    }

    @Override
    public DeliveryResult create(Delivery d) {
        JsonNode body = client.call(FxiaokeClient.CREATE_PATH, Map.of("object_data", objectData(d, null)),
                Map.of("triggerWorkFlow", config.triggerWorkFlow()));
        if (failed(body)) {
            return rejected(body);
        }
        String id = body.path("dataId").asText(null);
        if (id == null) {
            // The lead may exist now; a retry looks it up by the external key before creating again.
            throw RemoteCallException.retryable("Fxiaoke confirmed a create without a dataId", 200, "MALFORMED_ANSWER", null);
        }
        return DeliveryResult.created(id);
    }

    @Override
    public DeliveryResult update(Delivery d, String remoteId) {
        JsonNode body = client.call(FxiaokeClient.UPDATE_PATH, Map.of("object_data", objectData(d, remoteId)), Map.of());
        return failed(body) ? rejected(body) : DeliveryResult.updated(remoteId);
    }

    @Override
    public Optional<String> find(Delivery d) {
        return client.findByExternalKey(d.idempotencyKey());
    }

    private Map<String, Object> objectData(Delivery d, String remoteId) {
        Map<String, Object> data = new LinkedHashMap<>(d.fields());
        data.put("dataObjectApiName", config.objectApiName());
        data.put(config.externalKeyField(), d.idempotencyKey());
        if (d.owner() != null && !d.owner().isBlank()) {
            data.put("owner", List.of(d.owner()));
        }
        if (remoteId != null) {
            data.put("_id", remoteId);
        }
        return data;
    }

    private static boolean failed(JsonNode body) {
        return body.path("errorCode").asInt() != 0;
    }

    private static DeliveryResult rejected(JsonNode body) {
        return DeliveryResult.rejected(body.path("errorCode").asText(), body.path("errorMessage").asText());
    }

    @Override
    public void close() {
        // Nothing held open: the HTTP client has no connections to release explicitly.
    }
}

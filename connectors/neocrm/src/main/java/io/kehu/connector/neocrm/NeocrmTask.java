package io.kehu.connector.neocrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.CreateOnce;
import io.kehu.connector.kit.RemoteIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers leads to 销售易 one record per call. It has no upsert, so {@link CreateOnce} decides between
 * update, look-up and create, and the hub's key is written into the configured external-key field.
 */
final class NeocrmTask implements DestinationTask, CreateOnce.Remote {

    private static final Logger log = LoggerFactory.getLogger(NeocrmTask.class);

    private final NeocrmConfig config;
    private final NeocrmClient client;
    private final CreateOnce once;
    private final DestinationContext context;

    NeocrmTask(NeocrmConfig config, DestinationContext context, Clock clock) {
        this.config = config;
        this.context = context;
        this.client = new NeocrmClient(config, context.secrets(), clock);
        this.once = new CreateOnce(new RemoteIds(context.state()), this);
    }

    /**
     * One record per call, so one record per {@code deliver}: a failure of the call is then exactly that
     * record's, and the hub's retry of it repeats nothing that already succeeded.
     */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            DeliveryResult r = once.deliver(d);
            log.debug("Neocrm {} for {}: {} {}", r.outcome(), d.idempotencyKey(), r.remoteId(), r.code());
            context.metrics().increment("deliveries." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
            results.add(r);
        }
        return results;
    }

    @Override
    public DeliveryResult create(Delivery d) {
        JsonNode body = client.create(data(d, true));
        if (!NeocrmClient.succeeded(body)) {
            return rejected(body);
        }
        JsonNode id = body.path("data").path("id");
        if (id.isMissingNode() || id.isNull()) {
            // The lead may exist now; a retry looks it up by the external key before creating again.
            throw RemoteCallException.retryable("Neocrm confirmed a create without an id", 200, "MALFORMED_ANSWER", null);
        }
        return DeliveryResult.created(id.asText());
    }

    @Override
    public DeliveryResult update(Delivery d, String remoteId) {
        JsonNode body = client.update(remoteId, data(d, false));
        return NeocrmClient.succeeded(body) ? DeliveryResult.updated(remoteId) : rejected(body);
    }

    @Override
    public Optional<String> find(Delivery d) {
        return client.findByExternalKey(d.idempotencyKey());
    }

    private Map<String, Object> data(Delivery d, boolean creating) {
        Map<String, Object> data = new LinkedHashMap<>(d.fields());
        data.put(config.externalKeyField(), d.idempotencyKey());
        if (creating && config.entityType() != null) {
            data.put("entityType", idValue(config.entityType()));
        }
        if (d.owner() != null && !d.owner().isBlank()) {
            data.put("ownerId", idValue(d.owner()));
        }
        return data;
    }

    /** 销售易 ids are longs; send them as JSON numbers when they are. */
    private static Object idValue(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException notNumeric) {
            return id;
        }
    }

    private static DeliveryResult rejected(JsonNode body) {
        return DeliveryResult.rejected(NeocrmClient.code(body), NeocrmClient.message(body));
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

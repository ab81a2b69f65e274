package io.kehu.connector.jiandaoyun;

import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RateLimit;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.RemoteIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers leads into a 简道云 form one entry per call. A create carries a {@code transaction_id} derived from
 * the idempotency key, so 简道云 itself drops a repeated create; a known entry is updated by its data id.
 */
final class JiandaoyunTask implements DestinationTask {

    private static final Logger log = LoggerFactory.getLogger(JiandaoyunTask.class);

    private final JiandaoyunConfig config;
    private final JiandaoyunClient client;
    private final RemoteIds ids;
    private final DestinationContext context;

    JiandaoyunTask(JiandaoyunConfig config, DestinationContext context, Clock clock) {
        this.config = config;
        this.context = context;
        this.client = new JiandaoyunClient(config, clock);
        this.ids = new RemoteIds(context.state());
    }

    /** One entry per call, and the SPI allows one counted call per {@code deliver}. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    /** About 20 creates per second for data/create (the global cap is 50 requests/s). */
    @Override
    public RateLimit rateLimit() {
        return RateLimit.of(20, Duration.ofSeconds(1));
    }

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            String known = d.remoteId() != null ? d.remoteId() : ids.known(d.idempotencyKey()).orElse(null);
            DeliveryResult r = known != null ? update(d, known) : create(d);
            log.debug("Jiandaoyun {} for {}: {} {}", r.outcome(), d.idempotencyKey(), r.remoteId(), r.code());
            context.metrics().increment("deliveries." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
            results.add(r);
        }
        return results;
    }

    private DeliveryResult create(Delivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data(d));
        body.put("is_start_workflow", config.startWorkflow());
        body.put("is_start_trigger", config.startTrigger());
        body.put("transaction_id", transactionId(d.idempotencyKey()));
        JiandaoyunClient.Answer answer = client.call(JiandaoyunClient.CREATE_PATH, body);
        if (!answer.ok()) {
            return DeliveryResult.rejected(answer.errorCode(), answer.errorMessage());
        }
        String id = answer.body().path("data").path("_id").asText(null);
        if (id == null) {
            // Safe to repeat: 简道云 drops a second create with the same transaction_id.
            throw RemoteCallException.retryable("Jiandaoyun confirmed a create without a data _id", 200, "MALFORMED_ANSWER", null);
        }
        ids.created(d.idempotencyKey(), id);
        return DeliveryResult.created(id);
    }

    private DeliveryResult update(Delivery d, String dataId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data_id", dataId);
        body.put("data", data(d));
        body.put("is_start_trigger", config.startTrigger());
        JiandaoyunClient.Answer answer = client.call(JiandaoyunClient.UPDATE_PATH, body);
        return answer.ok() ? DeliveryResult.updated(dataId) : DeliveryResult.rejected(answer.errorCode(), answer.errorMessage());
    }

    /** The same key gives the same transaction id in every process, on every retry. */
    static String transactionId(String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("kehu:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private Map<String, Object> data(Delivery d) {
        Map<String, Object> data = new LinkedHashMap<>();
        d.fields().forEach((field, value) -> {
            String widget = config.widgets().get(field);
            if (widget != null) {
                data.put(widget, Map.of("value", value));
            }
        });
        if (config.ownerWidget() != null && d.owner() != null && !d.owner().isBlank()) {
            data.put(config.ownerWidget(), Map.of("value", d.owner()));
        }
        return data;
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

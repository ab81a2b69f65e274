package io.kehu.connector.webhookout;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RateLimit;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each lead as one request. 2xx is success; 400 and 422 refuse the record (the receiver judged its
 * content); 408, 429 and 5xx are retryable; any other 4xx refuses the call (URL, credentials, permissions).
 */
final class WebhookOutTask implements DestinationTask {

    private static final Logger log = LoggerFactory.getLogger(WebhookOutTask.class);
    private static final int MAX_MESSAGE = 300;

    private final WebhookOutConfig config;
    private final WebhookOutClient client;
    private final DestinationContext context;

    WebhookOutTask(WebhookOutConfig config, DestinationContext context, Clock clock) {
        this.config = config;
        this.context = context;
        this.client = new WebhookOutClient(config, clock);
    }

    /** One request per lead, so one lead per {@code deliver}: a failed request is then exactly that lead's. */
    @Override
    public int maxBatchSize() {
        return 1;
    }

    @Override
    public RateLimit rateLimit() {
        return config.rateLimit();
    }

    @Override
    public List<DeliveryResult> deliver(List<Delivery> batch) {
        List<DeliveryResult> results = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            DeliveryResult r = deliver(d);
            log.debug("Webhook {} for {}: {} {}", r.outcome(), d.idempotencyKey(), r.remoteId(), r.code());
            context.metrics().increment("deliveries." + r.outcome().name().toLowerCase(Locale.ROOT), 1);
            results.add(r);
        }
        return results;
    }

    private DeliveryResult deliver(Delivery d) {
        HttpAnswer answer = client.send(d.idempotencyKey(), config.body().render(d));
        if (answer.ok()) {
            String id = remoteId(answer);
            String remoteId = id != null ? id : d.remoteId();
            return d.remoteId() != null ? DeliveryResult.updated(remoteId) : DeliveryResult.created(remoteId);
        }
        if (answer.status() == 400 || answer.status() == 422) {
            return DeliveryResult.rejected("HTTP_" + answer.status(), snippet(answer.body()));
        }
        throw client.http().failure(answer, "HTTP_" + answer.status(), snippet(answer.body()));
    }

    /** The id a configured JSON pointer finds in the answer; none when the answer is not JSON. */
    private String remoteId(HttpAnswer answer) {
        if (config.remoteIdPointer() == null) {
            return null;
        }
        try {
            JsonNode node = JsonHttp.mapper().readTree(answer.body()).at(config.remoteIdPointer());
            return node.isValueNode() && !node.isNull() ? node.asText() : null;
        } catch (java.io.IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_MESSAGE ? flat : flat.substring(0, MAX_MESSAGE) + "…";
    }

    @Override
    public void close() {
        // Nothing held open.
    }
}

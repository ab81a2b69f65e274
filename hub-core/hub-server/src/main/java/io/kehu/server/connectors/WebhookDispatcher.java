package io.kehu.server.connectors;

import io.kehu.api.HubException;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.search.DeadLetterDoc;
import io.kehu.server.work.DeadLetterService;
import io.kehu.server.work.RateLimiter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands HTTP callbacks to the instance they are addressed to, under a per-instance rate limit,
 * and replays dead letters through the instance that wrote them.
 */
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final ConnectorRegistry registry;
    private final DeadLetterService deadLetters;
    private final double ratePerSecond;
    private final int burst;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public WebhookDispatcher(ConnectorRegistry registry, DeadLetterService deadLetters, double ratePerSecond, int burst) {
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
    }

    public WebhookResponse dispatch(String instanceId, WebhookRequest request) {
        ConnectorRegistry.Running r;
        try {
            r = registry.running(instanceId);
        } catch (HubException e) {
            return WebhookResponse.problem(404, "Not found", "No running connector " + instanceId + " receives callbacks");
        }
        WebhookHandler handler = r.task().webhook();
        if (handler == null) {
            return WebhookResponse.problem(404, "Not found", "Connector " + instanceId + " does not receive callbacks");
        }
        if (!limiters.computeIfAbsent(instanceId, k -> new RateLimiter(ratePerSecond, burst)).tryAcquire()) {
            r.context().increment("webhook.throttled", 1);
            WebhookResponse p = WebhookResponse.problem(429, "Too many requests",
                    "Connector " + instanceId + " accepts at most " + ratePerSecond + " requests per second");
            return new WebhookResponse(p.status(), p.contentType(), p.body(), Map.of("Retry-After", "1"));
        }
        try (var mdc = r.context().mdc()) {
            WebhookResponse resp = handler.handle(request);
            r.context().increment(resp.status() < 300 ? "webhook.accepted" : "webhook.refused", 1);
            return resp;
        } catch (HubException e) {
            r.context().error(e.getMessage());
            int status = e.retryable() ? 503 : e.kind() == HubException.Kind.INVALID_INPUT ? 400 : 500;
            return WebhookResponse.problem(status, status == 503 ? "Service unavailable" : "Request not processed", e.getMessage());
        } catch (RuntimeException e) {
            log.error("Connector {} failed on a callback", instanceId, e);
            r.context().error("Callback failed: " + e.getClass().getSimpleName());
            return WebhookResponse.problem(500, "Internal error", "The connector failed on this request; the hub's log has details");
        }
    }

    /** Processes a dead letter again through its instance; marks it replayed or failed again. */
    public DeadLetterDoc replay(String deadLetterId) {
        DeadLetterDoc d = deadLetters.get(deadLetterId)
                .orElseThrow(() -> new NotFoundException("No dead letter with id " + deadLetterId));
        ConnectorRegistry.Running r = registry.running(d.connectorId());
        DeadLetter letter = DeadLetterService.toLetter(d);
        try (var mdc = r.context().mdc()) {
            if ("work".equals(d.type()) && r.task().workHandler() != null) {
                r.task().workHandler().process(d.key(), d.metadata().get("workType"),
                        new String(d.payload(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                r.task().replay(letter);
            }
        } catch (HubException e) {
            deadLetters.mark(d, DeadLetterDoc.FAILED, e.getMessage());
            throw e;
        }
        deadLetters.mark(d, DeadLetterDoc.REPLAYED, null);
        return deadLetters.get(deadLetterId).orElseThrow();
    }
}

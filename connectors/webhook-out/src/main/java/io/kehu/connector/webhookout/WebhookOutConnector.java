package io.kehu.connector.webhookout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.JsonHttp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Any HTTP endpoint as a destination: one signed JSON request per qualified lead. */
@Extension
public class WebhookOutConnector implements DestinationConnector {

    private static final Logger log = LoggerFactory.getLogger(WebhookOutConnector.class);

    /** What {@code validate} renders the template with: every placeholder has a value of its kind. */
    static final Delivery SAMPLE = new Delivery("kehu-sample", "sample", "r-1",
            Map.of("name", "示例 \"Sample\"", "score", 80), "owner-1");

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("webhook-out", "Outgoing webhook", "Webhook 推送",
                "Sends each qualified lead to an HTTP endpoint as a JSON body built from a template, signed with HMAC-SHA256.",
                ConnectorKind.DESTINATION, WebhookOutConfig.FIELDS);
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        if (!config.has("bodyTemplate")) {
            return List.of();
        }
        try {
            String rendered = new BodyTemplate(config.string("bodyTemplate")).render(SAMPLE);
            JsonHttp.mapper().readTree(rendered);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigProblem("bodyTemplate", e.getMessage()));
        } catch (JsonProcessingException e) {
            return List.of(new ConfigProblem("bodyTemplate", "does not render to JSON: " + e.getOriginalMessage()));
        }
    }

    /**
     * A HEAD request: proves the endpoint answers and accepts the credentials without sending a lead, which
     * the receiver would take for a real one. Endpoints that refuse HEAD (405) still count as reachable.
     */
    @Override
    public CheckResult check(ConnectorConfig config) {
        WebhookOutConfig c = WebhookOutConfig.of(config);
        try {
            int status = new WebhookOutClient(c, Clock.systemUTC()).probe().status();
            if (status == 401 || status == 403) {
                return CheckResult.failed(c.endpoint() + " refused the credentials (HTTP " + status + ")");
            }
            if (status >= 500) {
                return CheckResult.failed(c.endpoint() + " answered HTTP " + status);
            }
            return CheckResult.ok(c.endpoint() + " answered HTTP " + status + "; leads go by " + c.method()
                    + (c.signingSecret() == null ? ", unsigned" : ", signed with " + WebhookSignature.HEADER));
        } catch (RemoteCallException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        WebhookOutConfig c = WebhookOutConfig.of(context.config());
        log.info("Webhook destination {} sends {} {}", context.instanceId(), c.method(), c.endpoint());
        return new WebhookOutTask(c, context, Clock.systemUTC());
    }
}

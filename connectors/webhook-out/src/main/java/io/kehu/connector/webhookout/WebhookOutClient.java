package io.kehu.connector.webhookout;

import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import java.net.http.HttpRequest;
import java.time.Clock;

/** Sends one rendered body to the endpoint with the idempotency key, the signature and the configured headers. */
final class WebhookOutClient {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final WebhookOutConfig config;
    private final JsonHttp http;

    WebhookOutClient(WebhookOutConfig config, Clock clock) {
        this.config = config;
        // The vendor name appears in failure messages: the endpoint without its query, never a token in it.
        this.http = new JsonHttp("Webhook " + config.endpoint(), config.timeout(), clock);
    }

    HttpAnswer send(String idempotencyKey, String body) {
        HttpRequest.Builder request = http.request(config.url())
                .header(IDEMPOTENCY_HEADER, idempotencyKey)
                .header("User-Agent", "Kehu-Hub")
                .method(config.method(), HttpRequest.BodyPublishers.ofString(body));
        config.headers().forEach(request::setHeader);
        if (config.authorization() != null) {
            request.setHeader("Authorization", config.authorization());
        }
        if (config.signingSecret() != null) {
            long now = http.clock().instant().getEpochSecond();
            request.setHeader(WebhookSignature.HEADER, WebhookSignature.header(config.signingSecret(), now, body));
        }
        return http.send(request.build());
    }

    /** A HEAD request with the configured headers: safe, creates nothing, and shows reachability and credentials. */
    HttpAnswer probe() {
        HttpRequest.Builder request = http.request(config.url()).method("HEAD", HttpRequest.BodyPublishers.noBody());
        config.headers().forEach(request::setHeader);
        if (config.authorization() != null) {
            request.setHeader("Authorization", config.authorization());
        }
        return http.send(request.build());
    }

    JsonHttp http() {
        return http;
    }
}

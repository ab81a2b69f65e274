package io.kehu.connector.webhookout;

import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.FieldType;
import io.kehu.api.spi.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The configuration of one outgoing webhook. */
record WebhookOutConfig(URI url, String method, BodyTemplate body, String signingSecret, String authorization,
        Map<String, String> headers, String remoteIdPointer, RateLimit rateLimit, Duration timeout) {

    static final List<ConfigField> FIELDS = List.of(
            ConfigField.required("url", FieldType.URL, "Endpoint that receives one lead per request"),
            ConfigField.choice("method", "POST", "HTTP method", "POST", "PUT"),
            ConfigField.optional("bodyTemplate", FieldType.STRING, null,
                    "JSON body with {{idempotencyKey}}, {{profileId}}, {{remoteId}}, {{owner}}, {{fields}}, {{fields.<name>}};"
                            + " empty sends all of them"),
            optionalSecret("signingSecret", "Key of the X-Kehu-Signature HMAC-SHA256 header; no signature when empty"),
            optionalSecret("authorization", "Value of the Authorization header, e.g. Bearer <token>"),
            ConfigField.optional("headers", FieldType.MAP, null, "Further request headers (not secret)"),
            ConfigField.optional("remoteIdPointer", FieldType.STRING, null,
                    "JSON pointer to the record id in a 2xx answer, e.g. /data/id"),
            ConfigField.optional("maxCalls", FieldType.INTEGER, "0", "Calls allowed per window; 0 = no limit"),
            ConfigField.optional("per", FieldType.DURATION, "1s", "The window of maxCalls"),
            ConfigField.optional("timeout", FieldType.DURATION, "15s", "Timeout of one request"));

    static WebhookOutConfig of(ConnectorConfig c) {
        int calls = c.integer("maxCalls");
        return new WebhookOutConfig(URI.create(c.string("url")), c.string("method"),
                new BodyTemplate(c.has("bodyTemplate") ? c.string("bodyTemplate") : BodyTemplate.DEFAULT),
                c.has("signingSecret") ? c.string("signingSecret") : null,
                c.has("authorization") ? c.string("authorization") : null, c.map("headers"),
                c.has("remoteIdPointer") ? c.string("remoteIdPointer") : null,
                calls > 0 ? RateLimit.of(calls, c.duration("per")) : RateLimit.UNLIMITED, c.duration("timeout"));
    }

    private static ConfigField optionalSecret(String key, String description) {
        return new ConfigField(key, FieldType.STRING, null, false, true, description, List.of());
    }

    @Override
    public String toString() {
        return "WebhookOutConfig[url=" + endpoint() + ", method=" + method + ", signed=" + (signingSecret != null) + "]";
    }

    /** The URL without its query, which may carry a token: safe for logs and messages. */
    String endpoint() {
        return url.getScheme() + "://" + url.getAuthority() + url.getPath();
    }
}

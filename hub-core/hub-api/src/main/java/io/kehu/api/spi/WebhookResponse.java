package io.kehu.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The answer to a webhook request. Errors should be {@link #problem problem details}; vendor
 * protocols that expect a fixed answer (WeChat's {@code success}, an echo string) use {@link #text}.
 */
public record WebhookResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public WebhookResponse {
        body = body == null ? new byte[0] : body;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static WebhookResponse text(int status, String text) {
        return new WebhookResponse(status, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static WebhookResponse json(int status, String json) {
        return new WebhookResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static WebhookResponse xml(int status, String xml) {
        return new WebhookResponse(status, "application/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** An {@code application/problem+json} answer; {@code detail} must hold no secret or personal data. */
    public static WebhookResponse problem(int status, String title, String detail) {
        String json = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
        return new WebhookResponse(status, "application/problem+json", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}

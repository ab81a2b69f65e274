package io.kehu.api.spi;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a connector instance's endpoint {@code /hooks/{instanceId}/{path}}. The hub
 * has already enforced the body size limit and the instance's rate limit; authentication
 * (signatures, tokens) is the connector's, because every vendor does it differently.
 *
 * @param method        HTTP method
 * @param path          the part after {@code /hooks/{instanceId}}, {@code ""} or starting with {@code /}
 * @param query         query parameters, decoded
 * @param headers       headers with lower-case names
 * @param contentType   the Content-Type header, or null
 * @param body          the raw body, exactly as received (signatures are computed over it)
 * @param remoteAddress the client's address
 * @param receivedAt    when the hub received it
 */
public record WebhookRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        String contentType,
        byte[] body,
        String remoteAddress,
        Instant receivedAt) {

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        path = path == null ? "" : path;
        query = query == null ? Map.of() : Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The body as text in the charset of the Content-Type, UTF-8 when none is given. */
    public String bodyText() {
        Charset cs = StandardCharsets.UTF_8;
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    try {
                        cs = Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException ignored) {
                        // An unknown charset name: fall back to UTF-8 rather than refuse the request.
                    }
                }
            }
        }
        return new String(body, cs);
    }
}

package io.kehu.connector.kit;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code application/x-www-form-urlencoded} parameters, for OAuth token endpoints that take them in the
 * body (Salesforce) or in the query string (Zoho). Parameters without a value are left out, so optional
 * grant parameters need no special casing.
 */
public final class Form {

    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private Form() {
    }

    /** {@code a=1&b=x%26y}, in the map's order. */
    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static HttpRequest.BodyPublisher body(Map<String, String> params) {
        return HttpRequest.BodyPublishers.ofString(encode(params), StandardCharsets.UTF_8);
    }
}

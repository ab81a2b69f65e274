package io.kehu.connector.neocrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.spi.StateStore;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import io.kehu.connector.kit.TokenCache;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * 销售易's REST API v2.0: the OAuth password-grant token and the lead calls. A failure can come as an HTTP
 * status or as a body {@code code} other than 200 inside HTTP 200; both are classified here.
 */
final class NeocrmClient {

    static final String TOKEN_PATH = "/oauth2/token.action";
    static final String LEAD_PATH = "/rest/data/v2.0/xobjects/lead";
    static final String XOQL_PATH = "/rest/data/v2.0/query/xoql";

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final NeocrmConfig config;
    private final JsonHttp http;
    private final TokenCache tokens;

    NeocrmClient(NeocrmConfig config, StateStore secrets, Clock clock) {
        this.config = config;
        this.http = new JsonHttp("Neocrm", config.timeout(), clock);
        this.tokens = new TokenCache(secrets, "accessToken", clock, MARGIN, this::fetchToken);
    }

    TokenCache.Token fetchToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret());
        form.put("redirect_uri", config.redirectUri());
        form.put("username", config.username());
        form.put("password", config.password());
        HttpAnswer answer = http.send(http.request(URI.create(config.loginUrl() + TOKEN_PATH))
                .setHeader("Content-Type", FORM).POST(form(form)).build());
        if (JsonHttp.retryableStatus(answer.status())) {
            throw http.failure(answer, null, null);
        }
        JsonNode body = answer.json();
        String token = body.path("access_token").asText(null);
        if (!answer.ok() || token == null) {
            String error = body.path("error").asText("no access_token");
            throw RemoteCallException.permanent("Neocrm refused the OAuth credentials: " + error
                    + describe(body.path("error_description").asText(null)), answer.status(), error);
        }
        long expiresIn = body.path("expires_in").asLong(7200);
        return new TokenCache.Token(token, http.clock().instant().plusSeconds(expiresIn), Map.of());
    }

    JsonNode create(Map<String, Object> data) {
        return call("POST", LEAD_PATH, JsonHttp.json(Map.of("data", data)), null);
    }

    JsonNode update(String id, Map<String, Object> data) {
        return call("PATCH", LEAD_PATH + "/" + id, JsonHttp.json(Map.of("data", data)), null);
    }

    /** The lead whose external-key field holds {@code key}, if any. */
    Optional<String> findByExternalKey(String key) {
        // XOQL has no bind parameters: quote the value the way its string literals are quoted.
        String xoql = "select id from lead where " + config.externalKeyField() + " = '" + key.replace("'", "\\'") + "'";
        JsonNode body = call("POST", XOQL_PATH, form(Map.of("xoql", xoql)), FORM);
        if (!succeeded(body)) {
            // Without the look-up a create could duplicate the lead: stop until the field or rights are fixed.
            throw RemoteCallException.permanent("Neocrm refused the look-up by " + config.externalKeyField() + ": code "
                    + code(body) + describe(message(body)), 200, code(body));
        }
        JsonNode first = body.path("data").path("records").path(0);
        return first.hasNonNull("id") ? Optional.of(first.get("id").asText()) : Optional.empty();
    }

    /**
     * @return the body: code 200, or a code that refuses only this record
     */
    private JsonNode call(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpAnswer answer = tokens.call(token -> {
            HttpRequest.Builder request = http.request(config.api(path)).header("Authorization", "Bearer " + token.value())
                    .method(method, body);
            if (contentType != null) {
                request.setHeader("Content-Type", contentType);
            }
            return http.send(request.build());
        }, NeocrmClient::tokenRefused);
        if (!answer.ok()) {
            JsonNode error = readable(answer);
            throw http.failure(answer, error == null ? null : code(error), error == null ? null : message(error));
        }
        JsonNode json = answer.json();
        if (!json.has("code")) {
            throw RemoteCallException.retryable("Neocrm answered without a code", answer.status(), "MALFORMED_ANSWER", null);
        }
        String code = code(json);
        if (code.equals("429") || (code.startsWith("5") && code.length() == 3)) {
            // The body repeats an HTTP-like status the gateway did not set: treat it like the status itself.
            throw RemoteCallException.retryable("Neocrm answered code " + code + describe(message(json)), 200, code, null);
        }
        return json;
    }

    static boolean succeeded(JsonNode body) {
        return "200".equals(code(body));
    }

    static String code(JsonNode body) {
        return body.path("code").asText();
    }

    static String message(JsonNode body) {
        return body.path("msg").isTextual() ? body.path("msg").asText() : null;
    }

    private static boolean tokenRefused(HttpAnswer answer) {
        if (answer.status() == 401) {
            return true;
        }
        JsonNode body = answer.ok() ? readable(answer) : null;
        return body != null && "401".equals(code(body));
    }

    private static JsonNode readable(HttpAnswer answer) {
        try {
            return answer.json();
        } catch (RemoteCallException unreadable) {
            return null;
        }
    }

    private static String describe(String message) {
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }
}

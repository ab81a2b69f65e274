package io.kehu.connector.fxiaoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.spi.StateStore;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import io.kehu.connector.kit.TokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 纷享销客's Open API: the corpAccessToken and the CRM data calls. Every answer is HTTP 200 with an
 * {@code errorCode}; this class turns token, busy, rate-limit and credential codes into a token refresh
 * or a {@link RemoteCallException}, and hands every other answer (success or a per-record error) back.
 */
final class FxiaokeClient {

    static final String TOKEN_PATH = "/cgi/corpAccessToken/get/V2";
    static final String CREATE_PATH = "/cgi/crm/v2/data/create";
    static final String UPDATE_PATH = "/cgi/crm/v2/data/update";
    static final String QUERY_PATH = "/cgi/crm/v2/data/query";

    // Refresh well before the 7200 s lifetime: 纷享销客 advises refreshing from 6600 s on.
    private static final Duration MARGIN = Duration.ofMinutes(10);

    private final FxiaokeConfig config;
    private final JsonHttp http;
    private final TokenCache tokens;

    FxiaokeClient(FxiaokeConfig config, StateStore secrets, Clock clock) {
        this.config = config;
        this.http = new JsonHttp("Fxiaoke", config.timeout(), clock);
        this.tokens = new TokenCache(secrets, "corpAccessToken", clock, MARGIN, this::fetchToken);
    }

    /** Gets a new corpAccessToken; it carries the corpId every later call needs. */
    TokenCache.Token fetchToken() {
        Map<String, Object> body = Map.of("appId", config.appId(), "appSecret", config.appSecret(),
                "permanentCode", config.permanentCode());
        JsonNode answer = checked(http.send(http.request(config.uri(TOKEN_PATH)).POST(JsonHttp.json(body)).build()));
        int code = answer.path("errorCode").asInt();
        if (code != 0) {
            // Whatever the code, no token came: wrong credentials are the usual reason, and retrying cannot fix them.
            throw RemoteCallException.permanent("Fxiaoke refused the app credentials: "
                    + FxiaokeCodes.text(code, answer.path("errorMessage").asText()), 200, String.valueOf(code));
        }
        String token = answer.path("corpAccessToken").asText(null);
        String corpId = answer.path("corpId").asText(null);
        if (token == null || corpId == null) {
            throw RemoteCallException.retryable("Fxiaoke answered a token request without corpAccessToken or corpId",
                    200, "MALFORMED_ANSWER", null);
        }
        long expiresIn = answer.path("expiresIn").asLong(7200);
        return new TokenCache.Token(token, http.clock().instant().plusSeconds(expiresIn), Map.of("corpId", corpId));
    }

    /**
     * Calls a CRM data API with {@code data} as its {@code data} member.
     *
     * @return the answer's body: {@code errorCode} 0, or a code that refuses only this record
     */
    JsonNode call(String path, Map<String, Object> data, Map<String, Object> extra) {
        HttpAnswer answer = tokens.call(token -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("corpAccessToken", token.value());
            body.put("corpId", token.extra("corpId"));
            body.put("currentOpenUserId", config.currentOpenUserId());
            body.putAll(extra);
            body.put("data", data);
            return http.send(http.request(config.uri(path)).POST(JsonHttp.json(body)).build());
        }, FxiaokeClient::tokenRefused);
        JsonNode body = checked(answer);
        int code = body.path("errorCode").asInt();
        if (code != 0 && FxiaokeCodes.refusedForGood(code)) {
            throw RemoteCallException.permanent(FxiaokeCodes.text(code, body.path("errorMessage").asText()),
                    200, String.valueOf(code));
        }
        return body;
    }

    /** The record whose external-key field holds {@code key}, if any. */
    Optional<String> findByExternalKey(String key) {
        Map<String, Object> filter = Map.of("field_name", config.externalKeyField(), "operator", "EQ",
                "field_values", List.of(key));
        Map<String, Object> query = Map.of("offset", 0, "limit", 1, "filters", List.of(filter));
        JsonNode body = call(QUERY_PATH, Map.of("dataObjectApiName", config.objectApiName(), "search_query_info", query),
                Map.of());
        int code = body.path("errorCode").asInt();
        if (code != 0) {
            // Without the look-up a create could duplicate the lead: stop until the field or rights are fixed.
            throw RemoteCallException.permanent("Fxiaoke refused the look-up by " + config.externalKeyField() + ": "
                    + FxiaokeCodes.text(code, body.path("errorMessage").asText()), 200, String.valueOf(code));
        }
        JsonNode first = body.path("data").path("dataList").path(0);
        return first.hasNonNull("_id") ? Optional.of(first.get("_id").asText()) : Optional.empty();
    }

    /** The body of an HTTP-level success whose errorCode is not a busy or rate-limit code. */
    private JsonNode checked(HttpAnswer answer) {
        if (!answer.ok()) {
            throw http.failure(answer, null, null);
        }
        JsonNode body = answer.json();
        JsonNode code = body.get("errorCode");
        if (code == null || !code.canConvertToInt()) {
            throw RemoteCallException.retryable("Fxiaoke answered without an errorCode", answer.status(),
                    "MALFORMED_ANSWER", null);
        }
        RemoteCallException busy = FxiaokeCodes.retryable(code.asInt(), body.path("errorMessage").asText(), http.clock());
        if (busy != null) {
            throw busy;
        }
        return body;
    }

    private static boolean tokenRefused(HttpAnswer answer) {
        if (!answer.ok()) {
            return false;
        }
        try {
            return FxiaokeCodes.TOKEN_REFUSED.contains(answer.json().path("errorCode").asInt());
        } catch (RemoteCallException unreadable) {
            return false; // reported as a malformed answer by the caller
        }
    }
}

package io.kehu.connector.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.spi.StateStore;
import io.kehu.connector.kit.Form;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import io.kehu.connector.kit.TokenCache;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Zoho CRM's v7 API as this destination uses it: access tokens from the refresh token, kept with the API
 * domain they name, Lead upserts, and the error answers classified.
 */
final class ZohoClient {

    static final String VENDOR = "Zoho CRM";
    static final String TOKEN_KEY = "zoho.token";
    private static final String API_DOMAIN = "api_domain";
    /** Codes of a 401 that a new access token cures. OAUTH_SCOPE_MISMATCH is not one: the grant lacks a scope. */
    private static final Set<String> TOKEN_REFUSALS = Set.of("INVALID_TOKEN", "AUTHENTICATION_FAILURE");
    /** Zoho's API credits are counted per rolling 24 hours: a short wait frees none. */
    static final Duration CREDITS_WAIT = Duration.ofHours(1);
    /** Zoho blocks token requests for a while after too many in a short time. */
    static final Duration TOKEN_BLOCK_WAIT = Duration.ofMinutes(10);

    private final ZohoConfig config;
    private final JsonHttp http;
    private final TokenCache tokens;

    ZohoClient(ZohoConfig config, StateStore secrets, JsonHttp http) {
        this.config = config;
        this.http = http;
        this.tokens = new TokenCache(secrets, TOKEN_KEY, http.clock(), Duration.ofMinutes(5), this::fetchToken);
    }

    /** {@code POST /crm/v7/Leads/upsert} with up to 100 records. */
    HttpAnswer upsert(List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", records);
        body.put("duplicate_check_fields", config.duplicateCheckFields());
        body.put("trigger", config.triggers());
        return call(api -> http.request(URI.create(api + "/crm/v7/Leads/upsert")).POST(JsonHttp.json(body)));
    }

    /** The Leads module's fields, to prove the credentials and find the duplicate check fields. */
    HttpAnswer leadFields() {
        return call(api -> http.request(URI.create(api + "/crm/v7/settings/fields?module=Leads")).GET());
    }

    /** The exception for a failed answer: {@code {"code","details","message","status":"error"}}. */
    RemoteCallException failure(HttpAnswer answer) {
        JsonNode body = answer.jsonOrNull();
        String code = HttpAnswer.text(body, "code");
        String message = HttpAnswer.text(body, "message");
        if ("LIMIT_EXCEEDED".equals(code)) {
            return RemoteCallException.retryable(VENDOR + " answered HTTP " + answer.status() + ": " + message,
                    answer.status(), code, CREDITS_WAIT);
        }
        if (answer.ok()) {
            // An error object in a 2xx answer: nothing is known to be applied, and the upsert is safe to repeat.
            return RemoteCallException.retryable(VENDOR + " answered HTTP " + answer.status() + " with an error: " + message,
                    answer.status(), code, null);
        }
        return http.failure(answer, code, message);
    }


    private HttpAnswer call(Function<String, HttpRequest.Builder> request) {
        return tokens.call(token -> http.send(request.apply(apiDomain(token))
                        .header("Authorization", "Zoho-oauthtoken " + token.value()).build()),
                answer -> answer.status() == 401 && TOKEN_REFUSALS.contains(HttpAnswer.text(answer.jsonOrNull(), "code")));
    }

    private String apiDomain(TokenCache.Token token) {
        if (config.apiUrlOverride() != null) {
            return config.apiUrlOverride();
        }
        String named = token.extra(API_DOMAIN);
        return named != null ? named : config.defaultApiDomain();
    }

    /**
     * {@code POST {accounts}/oauth/v2/token?grant_type=refresh_token&…}. Zoho answers refusals with HTTP 200
     * and {@code {"error":"invalid_code"}} (or {@code invalid_client}), so the body decides, not the status.
     */
    private TokenCache.Token fetchToken() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("grant_type", "refresh_token");
        query.put("refresh_token", config.refreshToken());
        query.put("client_id", config.clientId());
        query.put("client_secret", config.clientSecret());
        HttpAnswer answer = http.send(http.request(URI.create(config.accountsUrl() + "/oauth/v2/token?" + Form.encode(query)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        JsonNode body = answer.jsonOrNull();
        String error = HttpAnswer.text(body, "error");
        if (error != null) {
            String description = HttpAnswer.text(body, "error_description");
            if ("Access Denied".equals(error)) {
                throw RemoteCallException.retryable(VENDOR + " blocked token requests for now: " + description,
                        answer.status(), "TOKEN_REQUESTS_BLOCKED", TOKEN_BLOCK_WAIT);
            }
            throw RemoteCallException.permanent(VENDOR + " refused the refresh token or client: " + error
                    + (description == null ? "" : " (" + description + ")"), answer.status(), error);
        }
        if (!answer.ok()) {
            throw http.failure(answer, "TOKEN_REQUEST_FAILED", "token request failed");
        }
        JsonNode json = answer.json();
        String token = HttpAnswer.text(json, "access_token");
        if (token == null) {
            throw RemoteCallException.retryable(VENDOR + " answered a token request without access_token",
                    answer.status(), "MALFORMED_ANSWER", null);
        }
        long seconds = json.path("expires_in").asLong(3600);
        Map<String, String> extras = new LinkedHashMap<>();
        String apiDomain = HttpAnswer.text(json, API_DOMAIN);
        if (apiDomain != null) {
            extras.put(API_DOMAIN, apiDomain.replaceAll("/+$", ""));
        }
        return new TokenCache.Token(token, http.clock().instant().plusSeconds(seconds), extras);
    }
}

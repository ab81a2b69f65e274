package io.kehu.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.spi.StateStore;
import io.kehu.connector.kit.Form;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import io.kehu.connector.kit.TokenCache;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Salesforce's REST API as this destination uses it: an OAuth 2.0 token (with the instance URL it names)
 * kept in the encrypted state, Lead upserts by external id, and the error answers classified.
 */
final class SalesforceClient {

    static final String VENDOR = "Salesforce";
    static final String TOKEN_KEY = "salesforce.token";
    private static final String INSTANCE_URL = "instance_url";
    /** The API budget is a rolling 24 hours: an hour's wait frees some of it, a few seconds' wait does not. */
    static final Duration REQUEST_LIMIT_WAIT = Duration.ofHours(1);

    private final SalesforceConfig config;
    private final JsonHttp http;
    private final TokenCache tokens;

    SalesforceClient(SalesforceConfig config, StateStore secrets, JsonHttp http) {
        this.config = config;
        this.http = http;
        this.tokens = new TokenCache(secrets, TOKEN_KEY, http.clock(), Duration.ofMinutes(5), this::fetchToken);
    }

    /** {@code PATCH …/composite/sobjects/Lead/{field}}: up to 200 Leads, each with its own result. */
    HttpAnswer upsertMany(List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        return call(base -> http.request(URI.create(base + "/composite/sobjects/Lead/" + config.externalIdField()))
                .method("PATCH", JsonHttp.json(body)));
    }

    /** {@code PATCH …/sobjects/Lead/{field}/{value}}: one Lead; 201 created, 200 updated, 300 several matches. */
    HttpAnswer upsertOne(String externalId, Map<String, Object> record) {
        String value = URLEncoder.encode(externalId, StandardCharsets.UTF_8).replace("+", "%20");
        return call(base -> http.request(URI.create(base + "/sobjects/Lead/" + config.externalIdField() + "/" + value))
                .method("PATCH", JsonHttp.json(record)));
    }

    /** The Lead object's description, to prove the credentials and find the external id field. */
    HttpAnswer describeLead() {
        return call(base -> http.request(URI.create(base + "/sobjects/Lead/describe")).GET());
    }

    /** The exception for a failed answer; Salesforce's own error code is the first {@code errorCode} of the body. */
    RemoteCallException failure(HttpAnswer answer) {
        JsonNode error = firstError(answer);
        String code = error == null ? null : HttpAnswer.text(error, "errorCode");
        String message = error == null ? null : HttpAnswer.text(error, "message");
        if (answer.status() == 403 && "REQUEST_LIMIT_EXCEEDED".equals(code)) {
            return RemoteCallException.retryable(VENDOR + " answered HTTP 403: " + message, 403, code, REQUEST_LIMIT_WAIT);
        }
        return http.failure(answer, code, message);
    }

    /** The first entry of a Salesforce error list ({@code [{"errorCode","message"}]}), or null when there is none. */
    static JsonNode firstError(HttpAnswer answer) {
        JsonNode body = answer.jsonOrNull();
        JsonNode first = body != null && body.isArray() ? body.path(0) : body;
        return first != null && first.isObject() ? first : null;
    }

    /** Runs a data call with the token; a 401 (INVALID_SESSION_ID) gets one new token and one more try. */
    private HttpAnswer call(Function<String, HttpRequest.Builder> request) {
        return tokens.call(token -> http.send(request.apply(
                        token.extra(INSTANCE_URL) + "/services/data/v" + config.apiVersion())
                        .header("Authorization", "Bearer " + token.value()).build()),
                answer -> answer.status() == 401);
    }

    private TokenCache.Token fetchToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", config.grantType());
        form.put("client_id", config.clientId());
        form.put("client_secret", config.clientSecret());
        if (SalesforceConfig.PASSWORD_GRANT.equals(config.grantType())) {
            form.put("username", config.username());
            form.put("password", config.password());
        } else if (SalesforceConfig.REFRESH_TOKEN_GRANT.equals(config.grantType())) {
            form.put("refresh_token", config.refreshToken());
        }
        HttpAnswer answer = http.send(http.request(URI.create(config.loginUrl() + "/services/oauth2/token"))
                .setHeader("Content-Type", Form.CONTENT_TYPE)
                .POST(Form.body(form)).build());
        if (!answer.ok()) {
            // {"error":"invalid_client","error_description":"invalid client credentials"}: never echoes what we sent.
            JsonNode error = firstError(answer);
            throw http.failure(answer, error == null ? "TOKEN_REFUSED" : HttpAnswer.text(error, "error"),
                    "token request refused" + (error == null ? "" : ": " + HttpAnswer.text(error, "error_description")));
        }
        JsonNode json = answer.json();
        String token = HttpAnswer.text(json, "access_token");
        String instanceUrl = HttpAnswer.text(json, INSTANCE_URL);
        if (token == null || instanceUrl == null) {
            throw RemoteCallException.retryable(VENDOR + " answered a token request without access_token or instance_url",
                    answer.status(), "MALFORMED_ANSWER", null);
        }
        return new TokenCache.Token(token, http.clock().instant().plus(config.sessionTimeout()),
                Map.of(INSTANCE_URL, instanceUrl.replaceAll("/+$", "")));
    }
}

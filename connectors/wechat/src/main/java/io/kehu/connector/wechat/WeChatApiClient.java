package io.kehu.connector.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubException;
import io.kehu.api.spi.StateStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What WeCom and Official Account APIs have in common: errors inside HTTP 200 bodies
 * ({@code errcode}/{@code errmsg}), an access token that every call carries as a query parameter,
 * and the same error codes for an expired token and for throttling.
 *
 * <p>The token is cached in memory and in the instance's {@link StateStore} (so it survives
 * restarts) until {@link #EXPIRY_MARGIN} before it expires. A call whose token is refused
 * (40014, 42001, 40001) refreshes it once and is retried once; a second refusal fails the call.
 * A token fetch is never retried in a loop: if it fails, the call fails. Throttling (45009,
 * 45033, -1) is retried with backoff a bounded number of times, then the call fails retryably
 * and the hub's own retries take over.
 */
abstract class WeChatApiClient {

    private static final Logger log = LoggerFactory.getLogger(WeChatApiClient.class);

    static final String TOKEN_STATE_KEY = "accessToken";
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
    static final Set<Integer> TOKEN_REFUSED = Set.of(40014, 42001, 40001);
    static final Set<Integer> THROTTLED = Set.of(45009, 45033, -1);
    /** Codes of a token fetch that mean the configuration (ids, secret, IP allowlist) is wrong. */
    static final Set<Integer> BAD_CREDENTIALS = Set.of(40001, 40002, 40013, 40125, 40164, 60020, 41002, 41004);

    private final String vendor;
    private final URI baseUrl;
    private final StateStore state;
    private final HttpClient http;
    private final Clock clock;
    private final Backoff backoff;
    private String token;
    /** When the cached token is replaced: {@link #EXPIRY_MARGIN} before it expires, or halfway for short-lived ones. */
    private Instant refreshAt;

    WeChatApiClient(String vendor, URI baseUrl, StateStore state, HttpClient http, Clock clock, Backoff backoff) {
        this.vendor = vendor;
        String b = baseUrl.toString();
        this.baseUrl = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.state = state;
        this.http = http;
        this.clock = clock;
        this.backoff = backoff;
    }

    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The path and query parameters of this vendor's token request (credentials included). */
    protected abstract String tokenPath();

    protected abstract Map<String, String> tokenQuery();

    /** GET {@code path} with the access token. */
    protected JsonNode get(String path, Map<String, String> query) {
        return call("GET", path, query, null);
    }

    /** POST a JSON body to {@code path} with the access token. */
    protected JsonNode post(String path, Map<String, String> query, Object body) {
        return call("POST", path, query, Json.write(body));
    }

    private JsonNode call(String method, String path, Map<String, String> query, String body) {
        String t = token();
        boolean refreshed = false;
        int tries = 0;
        while (true) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put("access_token", t);
            JsonNode answer = send(method, path, q, body);
            int code = answer.path("errcode").asInt(0);
            if (code == 0) {
                return answer;
            }
            if (TOKEN_REFUSED.contains(code)) {
                if (refreshed) {
                    throw HubException.retryable(vendor + " refused a freshly fetched access token on " + path
                            + " (errcode " + code + ")", null);
                }
                log.info("{} refused the access token on {} (errcode {}); fetching a new one", vendor, path, code);
                refreshed = true;
                t = refreshAfterRefusal(t);
                continue;
            }
            if (THROTTLED.contains(code)) {
                tries++;
                if (tries >= backoff.maxTries()) {
                    log.warn("{} still throttling {} (errcode {}) after {} tries; leaving it to a later retry", vendor, path, code, tries);
                    throw HubException.retryable(vendor + " is throttling " + path + " (errcode " + code + ") after "
                            + tries + " tries", null);
                }
                log.warn("{} throttling {} (errcode {}), retry {} of {}", vendor, path, code, tries, backoff.maxTries() - 1);
                pause(tries);
                continue;
            }
            throw remoteError(path, code, answer);
        }
    }

    /** A refusal carrying WeChat's code, so callers can treat some codes (e.g. "no such contact") as answers. */
    private HubException remoteError(String path, int code, JsonNode answer) {
        String msg = vendor + " refused " + path + ": errcode " + code + " " + shortMessage(answer);
        return new WeChatApiException(BAD_CREDENTIALS.contains(code) || code == 48002
                ? HubException.Kind.CONFIGURATION : HubException.Kind.REMOTE_PERMANENT, msg, code);
    }

    private void pause(int tries) {
        try {
            backoff.sleepBefore(tries);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HubException.retryable("Interrupted while waiting out " + vendor + "'s rate limit", e);
        }
    }

    /** The cached token when still valid (memory, then state), else a fresh one. */
    synchronized String token() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(refreshAt)) {
            return token;
        }
        if (loadStored() && now.isBefore(refreshAt)) {
            return token;
        }
        return fetchToken();
    }

    /**
     * A new token after {@code refused} was refused, unless another thread (or hub node) already
     * replaced it: then that one is used and no token is fetched.
     */
    synchronized String refreshAfterRefusal(String refused) {
        if (token != null && !token.equals(refused) && clock.instant().isBefore(refreshAt)) {
            return token;
        }
        if (loadStored() && !token.equals(refused) && clock.instant().isBefore(refreshAt)) {
            return token;
        }
        return fetchToken();
    }

    private boolean loadStored() {
        String stored = state.get(TOKEN_STATE_KEY).orElse(null);
        if (stored == null) {
            return false;
        }
        try {
            JsonNode n = Json.parse(stored);
            String t = Json.text(n, "token");
            if (t == null || !n.hasNonNull("refreshAt")) {
                return false;
            }
            token = t;
            refreshAt = Instant.ofEpochSecond(n.get("refreshAt").asLong());
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** One token request, never repeated here: on failure the caller's call fails. */
    private String fetchToken() {
        Instant now = clock.instant();
        JsonNode answer = send("GET", tokenPath(), tokenQuery(), null);
        int code = answer.path("errcode").asInt(0);
        String t = Json.text(answer, "access_token");
        if (code != 0 || t == null) {
            String msg = vendor + " refused the access token request: errcode " + code + " " + shortMessage(answer);
            if (BAD_CREDENTIALS.contains(code)) {
                throw new WeChatApiException(HubException.Kind.CONFIGURATION, msg
                        + " (check the ids, the secret and the IP allowlist)", code);
            }
            throw new WeChatApiException(HubException.Kind.REMOTE_RETRYABLE, msg, code);
        }
        long expiresIn = Math.max(1, answer.path("expires_in").asLong(7200));
        // WeCom hands out the current token again, with its remaining lifetime, until it expires: a
        // fixed margin would then mean a token request per call for the last minutes. Halfway is the floor.
        long usable = Math.max(expiresIn - EXPIRY_MARGIN.toSeconds(), expiresIn / 2);
        token = t;
        refreshAt = now.plusSeconds(usable);
        var stored = Json.object().put("token", t)
                .put("expiresAt", now.plusSeconds(expiresIn).getEpochSecond())
                .put("refreshAt", refreshAt.getEpochSecond());
        state.put(TOKEN_STATE_KEY, Json.write(stored));
        log.info("Fetched a new {} access token, valid for {} s", vendor, expiresIn);
        return t;
    }

    private JsonNode send(String method, String path, Map<String, String> query, String body) {
        String qs = query.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path + (qs.isEmpty() ? "" : "?" + qs)))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        if (body == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> resp;
        try {
            // The URL carries the token or the secret: it is never logged, only the path.
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw HubException.retryable(vendor + " unreachable on " + path + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HubException.retryable("Interrupted while calling " + vendor, e);
        }
        int status = resp.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status >= 500;
            throw new HubException(retryable ? HubException.Kind.REMOTE_RETRYABLE : HubException.Kind.REMOTE_PERMANENT,
                    vendor + " answered HTTP " + status + " on " + path);
        }
        try {
            JsonNode n = Json.parse(resp.body());
            if (n == null || !n.isObject()) {
                throw HubException.retryable(vendor + " answered something other than a JSON object on " + path, null);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw HubException.retryable(vendor + " answered unreadable JSON on " + path, null);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String shortMessage(JsonNode answer) {
        String m = Json.text(answer, "errmsg");
        if (m == null) {
            return "";
        }
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** A refusal with WeChat's error code, so callers can treat specific codes as answers. */
    static final class WeChatApiException extends HubException {
        private final int errcode;

        WeChatApiException(Kind kind, String message, int errcode) {
            super(kind, message);
            this.errcode = errcode;
        }

        int errcode() {
            return errcode;
        }
    }
}

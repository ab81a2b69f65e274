package io.kehu.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;
import io.kehu.connector.kit.RetryAfter;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * HubSpot's CRM API as this destination uses it: the private app token as a bearer token, contact batch
 * upserts, and the error answers classified, rate-limit policies included.
 */
final class HubSpotClient {

    static final String VENDOR = "HubSpot";
    /** The rolling window of HubSpot's burst limit; also the wait when a 429 names no other. */
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final HubSpotConfig config;
    private final JsonHttp http;

    HubSpotClient(HubSpotConfig config, JsonHttp http) {
        this.config = config;
        this.http = http;
    }

    /** {@code POST /crm/v3/objects/contacts/batch/upsert} with up to 100 inputs. */
    HttpAnswer upsert(List<Map<String, Object>> inputs) {
        return http.send(authorized("/crm/v3/objects/contacts/batch/upsert").POST(JsonHttp.json(Map.of("inputs", inputs))).build());
    }

    /** One contact read: proves the token and its contacts scope. */
    HttpAnswer readOneContact() {
        return http.send(authorized("/crm/v3/objects/contacts?limit=1").GET().build());
    }

    private java.net.http.HttpRequest.Builder authorized(String path) {
        return http.request(URI.create(config.baseUrl() + path)).header("Authorization", "Bearer " + config.accessToken());
    }

    /**
     * The exception for a failed answer. HubSpot's bodies are {@code {"status":"error","message","category",
     * "correlationId"}}, and for 429 also {@code errorType: RATE_LIMIT} and a {@code policyName}.
     */
    RemoteCallException failure(HttpAnswer answer) {
        JsonNode body = answer.jsonOrNull();
        String category = HttpAnswer.text(body, "category");
        String message = HttpAnswer.text(body, "message");
        if (answer.status() == 429) {
            String policy = HttpAnswer.text(body, "policyName");
            return RemoteCallException.retryable(VENDOR + " answered HTTP 429: " + (message == null ? "rate limited" : message),
                    429, policy != null ? policy : "RATE_LIMIT", rateLimitWait(answer, policy));
        }
        if (answer.status() == 401) {
            // A private app token cannot be refreshed: a refused one was revoked or rotated, and a person must act.
            return RemoteCallException.permanent(VENDOR + " refused the private app token (HTTP 401)"
                    + (message == null ? "" : ": " + message), 401, category == null ? "INVALID_AUTHENTICATION" : category);
        }
        return http.failure(answer, category, message);
    }

    /**
     * How long a 429 asks us to wait. The daily limit resets at midnight in the account's time zone; the
     * ten-secondly limit after its window, or as {@code Retry-After} says when HubSpot sends one.
     */
    Duration rateLimitWait(HttpAnswer answer, String policy) {
        if ("DAILY".equals(policy)) {
            ZonedDateTime now = ZonedDateTime.now(http.clock().withZone(config.dailyLimitZone()));
            LocalDate tomorrow = now.toLocalDate().plusDays(1);
            return Duration.between(now, tomorrow.atStartOfDay(config.dailyLimitZone()));
        }
        Duration retryAfter = RetryAfter.parse(answer.header("Retry-After"), http.clock());
        if (retryAfter != null) {
            return retryAfter;
        }
        String interval = answer.header("X-HubSpot-RateLimit-Interval-Milliseconds");
        try {
            return interval == null ? TEN_SECONDS : Duration.ofMillis(Long.parseLong(interval.trim()));
        } catch (NumberFormatException e) {
            return TEN_SECONDS;
        }
    }
}

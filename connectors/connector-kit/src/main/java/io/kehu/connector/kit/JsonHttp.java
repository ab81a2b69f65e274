package io.kehu.connector.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kehu.api.HubException;
import io.kehu.api.spi.RemoteCallException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * JSON over HTTP for destination plugins, with the failure classification every vendor shares:
 * no answer, 408, 429 and 5xx may pass (retryable, with the {@code Retry-After} the remote sent);
 * other 4xx will not. Vendor-specific codes (errors inside HTTP 200 bodies) stay with each plugin.
 */
public final class JsonHttp {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final String vendor;
    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public JsonHttp(String vendor, Duration timeout, Clock clock) {
        this.vendor = vendor;
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A request builder with the timeout and JSON headers set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8");
    }

    public static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new HubException(HubException.Kind.BUG, "Could not encode a request body", e);
        }
    }

    /** Sends and returns any answer; only "no answer at all" throws (retryable). */
    public HttpAnswer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpAnswer(vendor, r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new RemoteCallException(HubException.Kind.REMOTE_RETRYABLE,
                    vendor + " did not answer: " + e.getClass().getSimpleName(), 0, "NO_ANSWER", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCallException(HubException.Kind.REMOTE_RETRYABLE,
                    "Interrupted while calling " + vendor, 0, "INTERRUPTED", null, null);
        }
    }

    /** True when a failed answer may pass by itself: 408, 429 or 5xx. */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The exception for a failed answer, classified by status, with the remote's {@code Retry-After}. */
    public RemoteCallException failure(HttpAnswer answer, String code, String message) {
        String text = vendor + " answered HTTP " + answer.status() + (message == null || message.isBlank() ? "" : ": " + message);
        if (retryableStatus(answer.status())) {
            return RemoteCallException.retryable(text, answer.status(), code,
                    RetryAfter.parse(answer.header("Retry-After"), clock));
        }
        return RemoteCallException.permanent(text, answer.status(), code);
    }

    public Clock clock() {
        return clock;
    }
}

package io.kehu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The few REST calls the benchmark makes to the hub, with its API key. */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HubClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** The status of {@code GET /api/v1/health}, or empty while the hub does not answer at all. */
    public Optional<Integer> healthStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/health")).timeout(Duration.ofSeconds(5)).GET().build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** A connector instance's status ({@code state}, {@code lastError}, …). */
    public JsonNode connector(String id) {
        return get("/api/v1/connectors/" + encode(id));
    }

    /** The newest imports of a connector instance: {@code {"total":…,"items":[report…]}}. */
    public JsonNode imports(String connectorId) {
        return get("/api/v1/imports?connector=" + encode(connectorId) + "&size=20");
    }

    /** One import's report, read in real time (no refresh needed). */
    public JsonNode importReport(String id) {
        return get("/api/v1/imports/" + encode(id));
    }

    /** The {@code total} of a profile search with no query: the number of profiles. */
    public long profileTotal() {
        return get("/api/v1/profiles?size=1").path("total").asLong(-1);
    }

    /** Runs a lifecycle sweep ({@code score} or {@code rebuild}) and returns its counts when it is done. */
    public JsonNode sweep(String mode, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/lifecycle/sweep?mode=" + encode(mode)))
                .timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request, "POST sweep");
    }

    /** Runs routing ({@code POST /api/v1/routing/run}) and returns its counts when every page is in the outbox. */
    public JsonNode routingRun(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/routing/run"))
                .timeout(timeout)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request, "POST routing run");
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(TIMEOUT)
                .header("X-API-Key", apiKey)
                .header("Accept", "application/json")
                .GET().build();
        return send(request, "GET " + pathAndQuery);
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

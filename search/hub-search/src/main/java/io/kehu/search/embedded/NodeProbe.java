package io.kehu.search.embedded;

import io.kehu.api.HubException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks a freshly started node over HTTP whether it is ready for the hub.
 *
 * <p>The node writes its URL once HTTP is bound, but after a restart its indices are still being recovered
 * from disk then: a read at that moment fails with "no shard available". So ready means {@code GET /} answers
 * as Elasticsearch, and cluster health reached yellow (every primary assigned).
 */
final class NodeProbe {

    private static final Duration RETRY = Duration.ofMillis(200);

    private NodeProbe() {}

    /**
     * @param stillAlive throws when the node process has exited, so a dead node fails fast instead of at the deadline
     */
    static void awaitReady(URI base, Instant deadline, Runnable stillAlive) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String lastProblem = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            stillAlive.run();
            try {
                HttpResponse<String> root = get(http, base.resolve("/"), Duration.ofSeconds(10));
                if (root.statusCode() != 200 || root.headers().firstValue("X-elastic-product").isEmpty()) {
                    lastProblem = "GET / answered " + root.statusCode();
                } else {
                    long waitSeconds = Math.max(1, Duration.between(Instant.now(), deadline).toSeconds());
                    URI health = base.resolve("/_cluster/health?wait_for_status=yellow&timeout=" + waitSeconds + "s");
                    HttpResponse<String> answer = get(http, health, Duration.ofSeconds(waitSeconds + 5));
                    if (answer.statusCode() == 200) {
                        return;
                    }
                    lastProblem = "cluster health answered " + answer.statusCode() + ": " + answer.body();
                }
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            pause(RETRY);
        }
        throw new HubException(HubException.Kind.CONFIGURATION,
            "Embedded Elasticsearch at " + base + " was not ready in time: " + lastProblem);
    }

    /** Whether an Elasticsearch node answers at this URL now; false for anything unreachable or not a URL. */
    static boolean answers(String url) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> root = get(http, URI.create(url).resolve("/"), Duration.ofSeconds(5));
            return root.statusCode() == 200 && root.headers().firstValue("X-elastic-product").isPresent();
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(HttpClient http, URI uri, Duration timeout) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.BUG, "Interrupted while waiting for embedded Elasticsearch", e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Kind.BUG, "Interrupted while waiting for embedded Elasticsearch", e);
        }
    }
}

package io.kehu.server.alerts;

import io.kehu.server.alerts.AlertTarget.SendResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one request for a target and classifies transport and status failures. */
final class HttpSend {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The answer, or the failure that stopped the request. */
    record Answer(HttpResponse<String> response, SendResult failure) {
    }

    private HttpSend() {
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Answer send(HttpClient http, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The exception's message can quote the URL, and a robot URL holds its key: class name only.
            return new Answer(null, SendResult.retry(e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, SendResult.retry("interrupted"));
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            return new Answer(response, SendResult.retry("HTTP " + status));
        }
        if (status >= 300) {
            return new Answer(response, SendResult.failed("HTTP " + status));
        }
        return new Answer(response, null);
    }
}

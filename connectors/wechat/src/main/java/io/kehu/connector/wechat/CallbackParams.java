package io.kehu.connector.wechat;

import io.kehu.api.spi.WebhookRequest;
import java.time.Duration;
import java.time.Instant;

/** Query-parameter checks shared by the WeCom and Official Account callback handlers. */
final class CallbackParams {

    private CallbackParams() {
    }

    /** A parameter that must be present and non-blank, else the request is refused (400). */
    static String required(WebhookRequest request, String name) {
        String v = request.queryParam(name);
        if (v == null || v.isBlank()) {
            throw CallbackRefused.malformed("The query parameter '" + name + "' is missing");
        }
        return v.trim();
    }

    /**
     * Refuses a timestamp (seconds since the epoch) farther than {@code tolerance} from when the
     * hub received the request: a captured callback cannot be replayed later.
     */
    static void checkTimestamp(String timestamp, Instant receivedAt, Duration tolerance) {
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw CallbackRefused.malformed("The timestamp is not a number");
        }
        Instant now = receivedAt == null ? Instant.now() : receivedAt;
        if (Math.abs(now.getEpochSecond() - ts) > tolerance.toSeconds()) {
            throw CallbackRefused.unauthorized("The timestamp is outside the accepted window of " + tolerance.toSeconds() + " s");
        }
    }
}

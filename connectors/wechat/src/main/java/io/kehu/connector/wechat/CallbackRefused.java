package io.kehu.connector.wechat;

import io.kehu.api.spi.WebhookResponse;

/**
 * A callback request that is refused with nothing stored: bad signature, stale timestamp, wrong
 * receiver (401) or a malformed request (400). The detail is fit for the caller: no secret, no
 * message content.
 */
final class CallbackRefused extends RuntimeException {

    private final int status;

    private CallbackRefused(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    static CallbackRefused unauthorized(String detail) {
        return new CallbackRefused(401, detail);
    }

    static CallbackRefused malformed(String detail) {
        return new CallbackRefused(400, detail);
    }

    int status() {
        return status;
    }

    WebhookResponse toResponse() {
        return WebhookResponse.problem(status, status == 401 ? "Unauthorized" : "Bad request", getMessage());
    }
}

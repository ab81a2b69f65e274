package io.kehu.server.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.AlertDoc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: the alert as JSON, with {@code <signatureHeader>: sha256=<hex HMAC-SHA256 of the
 * raw body>} when a secret is configured, and {@code X-Kehu-Alert-Id} so the receiver can drop a
 * retried delivery. 2xx is success; 429, 5xx and transport errors are retried; other answers are final.
 */
final class WebhookTarget implements AlertTarget {

    private final String name;
    private final URI url;
    private final byte[] secret;
    private final String signatureHeader;
    private final HttpClient http;
    private final ObjectMapper json;

    WebhookTarget(String name, URI url, String secret, String signatureHeader, HttpClient http, ObjectMapper json) {
        this.name = name;
        this.url = url;
        this.secret = secret == null || secret.isEmpty() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.signatureHeader = signatureHeader;
        this.http = http;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public SendResult send(AlertDoc alert) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(payload(alert));
        } catch (IOException e) {
            return SendResult.failed("unencodable message");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(HttpSend.TIMEOUT)
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Kehu-Alert-Id", alert.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header(signatureHeader, "sha256=" + sign(secret, body));
        }
        HttpSend.Answer answer = HttpSend.send(http, request.build());
        return answer.failure() != null ? answer.failure() : SendResult.sent();
    }

    static Map<String, Object> payload(AlertDoc alert) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", alert.id());
        out.put("kind", alert.kind());
        if (alert.profileId() != null) {
            out.put("profileId", alert.profileId());
        }
        out.put("title", Map.of("zh", alert.titleZh(), "en", alert.titleEn()));
        out.put("text", Map.of("zh", alert.textZh(), "en", alert.textEn()));
        out.put("details", alert.details());
        out.put("createdAt", alert.createdAt() == null ? null : alert.createdAt().toString());
        return out;
    }

    static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}

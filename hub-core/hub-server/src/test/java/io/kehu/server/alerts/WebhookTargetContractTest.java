package io.kehu.server.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.server.alerts.AlertTarget.SendResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic webhook target: JSON body, HMAC-SHA256 signature a receiver can check, status classes. */
class WebhookTargetContractTest {

    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer wm;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        wm.stop();
    }

    private WebhookTarget webhook(String secret) {
        return new WebhookTarget("ops", URI.create(wm.baseUrl() + "/hooks/kehu-alerts"), secret, "X-Kehu-Signature",
                HttpSend.newClient(), json);
    }

    @Test
    void postsTheAlertAsJsonSignedWithTheSecret() throws Exception {
        WireMockStubs.load(wm, "webhook", "accepted");

        SendResult r = webhook("whsec-41c9").send(WeComRobotTargetContractTest.alert("客户 张**"));

        assertThat(r).isEqualTo(SendResult.sent());
        LoggedRequest request = wm.findAll(postRequestedFor(urlPathEqualTo("/hooks/kehu-alerts"))).get(0);
        byte[] body = request.getBody();
        // What a receiver does: HMAC-SHA256 over the raw body with the shared secret.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("whsec-41c9".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(request.getHeader("X-Kehu-Signature")).isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
        assertThat(request.getHeader("X-Kehu-Alert-Id")).isEqualTo("at-risk:p-1:2026-05-20T03:04:05Z");
        JsonNode payload = json.readTree(body);
        assertThat(payload.path("kind").asText()).isEqualTo("at-risk");
        assertThat(payload.path("text").path("zh").asText()).isEqualTo("客户 张**");
        assertThat(payload.path("title").path("en").asText()).isEqualTo("Customer alert: At risk");
        assertThat(payload.toString()).doesNotContain("whsec-41c9");
    }

    @Test
    void sendsNoSignatureWithoutASecret() {
        WireMockStubs.load(wm, "webhook", "accepted");

        webhook(null).send(WeComRobotTargetContractTest.alert("x"));

        wm.verify(postRequestedFor(urlPathEqualTo("/hooks/kehu-alerts")).withHeader("X-Kehu-Signature", absent())
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8")));
    }

    @Test
    void unavailableReceiversAreRetriedAndRefusalsAreFinal() {
        WireMockStubs.load(wm, "webhook", "unavailable");
        assertThat(webhook("s").send(WeComRobotTargetContractTest.alert("x"))).isEqualTo(SendResult.retry("HTTP 503"));

        wm.resetAll();
        WireMockStubs.load(wm, "webhook", "bad-signature");
        assertThat(webhook("s").send(WeComRobotTargetContractTest.alert("x"))).isEqualTo(SendResult.failed("HTTP 401"));
    }
}

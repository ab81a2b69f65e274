package io.kehu.server.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.search.AlertDoc;
import io.kehu.server.alerts.AlertTarget.SendResult;
import io.kehu.server.alerts.AlertTarget.SendResult.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeCom group robot against stubs of its documented answers: errors arrive inside HTTP 200. */
class WeComRobotTargetContractTest {

    static final String KEY = "robot-key-6a3f";

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

    private WeComRobotTarget robot(String key, int perMinute) {
        return new WeComRobotTarget("sales-group", URI.create(wm.baseUrl() + "/cgi-bin/webhook/send"), key, perMinute,
                HttpSend.newClient(), json);
    }

    static AlertDoc alert(String textZh) {
        return new AlertDoc("at-risk:p-1:2026-05-20T03:04:05Z", "at-risk", AlertDoc.PENDING, "p-1", "客户预警：流失预警",
                "Customer alert: At risk", textZh, "Customer 张** (p-1) entered \"At risk\"", Map.of(), List.of(),
                Instant.parse("2026-05-20T03:04:06Z"), Instant.parse("2026-05-20T03:04:06Z"));
    }

    @Test
    void sendsOneMarkdownMessageWithTheKeyInTheQuery() throws Exception {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");

        SendResult r = robot(KEY, 20).send(alert("客户 张**（p-1）进入「流失预警」"));

        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")).withQueryParam("key", equalTo(KEY))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(matchingJsonPath("$.msgtype", equalTo("markdown"))));
        JsonNode body = json.readTree(wm.getAllServeEvents().get(0).getRequest().getBodyAsString());
        String content = body.path("markdown").path("content").asText();
        assertThat(content).contains("<font color=\"warning\">客户预警：流失预警 · Customer alert: At risk</font>",
                "> 客户 张**（p-1）进入「流失预警」", "> Customer 张** (p-1) entered");
    }

    @Test
    void errcode45009IsRateLimitingAndRetried() {
        WireMockStubs.load(wm, "wecom-robot", "send-rate-limited");

        SendResult r = robot(KEY, 20).send(alert("x"));

        assertThat(r).isEqualTo(SendResult.retry("errcode 45009"));
    }

    @Test
    void systemBusyIsRetried() {
        WireMockStubs.load(wm, "wecom-robot", "send-busy");

        assertThat(robot(KEY, 20).send(alert("x")).outcome()).isEqualTo(Outcome.RETRY);
    }

    @Test
    void aRemovedRobotsKeyFailsForGoodWithoutTheKeyInTheError() {
        WireMockStubs.load(wm, "wecom-robot", "send-invalid-key");

        SendResult r = robot("removed-robot-key", 20).send(alert("x"));

        assertThat(r).isEqualTo(SendResult.failed("errcode 93000"));
        assertThat(r.error()).doesNotContain("removed-robot-key");
    }

    @Test
    void serverErrorsAndUnreachableRobotsAreRetriedWithoutTheKeyInTheError() {
        // Not a WeCom answer: a proxy in between failing.
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/webhook/send")).willReturn(aResponse().withStatus(502)));
        WeComRobotTarget robot = robot(KEY, 20);
        assertThat(robot.send(alert("x"))).isEqualTo(SendResult.retry("HTTP 502"));
        wm.stop();

        SendResult unreachable = robot.send(alert("x"));

        assertThat(unreachable.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(unreachable.error()).doesNotContain(KEY).doesNotContain("http");
    }

    @Test
    void theRobotsOwnLimitDefersWithoutCallingWeCom() {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        WeComRobotTarget robot = robot(KEY, 2);

        assertThat(robot.send(alert("1")).outcome()).isEqualTo(Outcome.SENT);
        assertThat(robot.send(alert("2")).outcome()).isEqualTo(Outcome.SENT);
        assertThat(robot.send(alert("3")).outcome()).isEqualTo(Outcome.DEFER);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send")));
    }

    @Test
    void longMessagesAreCutToWeComsLimitAtACharacterBoundary() {
        String content = WeComRobotTarget.truncate("流".repeat(2000));

        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).endsWith("…").startsWith("流流");
    }
}

package io.kehu.connector.jiandaoyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.API_KEY;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.create;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.error;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.lead;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.stub;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creates, updates and every documented failure of 简道云's data API v5. */
class JiandaoyunContractTest {

    private JiandaoyunFixture fx;

    @BeforeEach
    void start() {
        fx = new JiandaoyunFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createsAnEntryWithWrappedWidgetValuesTheOwnerAndAStableTransactionId() {
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.created("65a1f0c2e4b0a1b2c3d4e5f6"));

        String transactionId = JiandaoyunTask.transactionId("kehu-p-42");
        fx.remote.verify(postRequestedFor(urlEqualTo(JiandaoyunClient.CREATE_PATH))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withRequestBody(equalToJson("""
                        {"app_id":"5b0e1d3c8f2a4c0012a3b4c5","entry_id":"5b0e1d3c8f2a4c0012a3b4c6",
                         "data":{"_widget_1432728651402":{"value":"陈静"},"_widget_1432728651403":{"value":"13800000001"},
                                 "_widget_1432728651404":{"value":"蓝鑫软件"},"_widget_1432728651405":{"value":"chenjing"}},
                         "is_start_workflow":false,"is_start_trigger":false,"transaction_id":"%s"}""".formatted(transactionId))));
        assertThat(transactionId).isEqualTo(JiandaoyunTask.transactionId("kehu-p-42")).isNotEqualTo(JiandaoyunTask.transactionId("kehu-p-43"));
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "65a1f0c2e4b0a1b2c3d4e5f6");
    }

    @Test
    void aRetriedCreateSendsTheSameTransactionIdSoJiandaoyunDropsTheDuplicate() {
        fx.remote.stubFor(create().willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静")))).isInstanceOf(RemoteCallException.class);
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
        fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静")));

        fx.remote.verify(2, postRequestedFor(urlEqualTo(JiandaoyunClient.CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.transaction_id", equalTo(JiandaoyunTask.transactionId("kehu-p-42")))));
    }

    @Test
    void updatesByDataIdWhenTheHubKnowsTheEntry() {
        fx.remote.stubFor(update().willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", "65a1f0c2e4b0a1b2c3d4e000", "陈静"))))
                .containsExactly(DeliveryResult.updated("65a1f0c2e4b0a1b2c3d4e000"));
        fx.remote.verify(postRequestedFor(urlEqualTo(JiandaoyunClient.UPDATE_PATH))
                .withRequestBody(matchingJsonPath("$.data_id", equalTo("65a1f0c2e4b0a1b2c3d4e000")))
                .withRequestBody(matchingJsonPath("$.data._widget_1432728651402.value", equalTo("陈静"))));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(JiandaoyunClient.CREATE_PATH)));
    }

    @Test
    void updatesTheEntryAnEarlierCreateMadeWhenTheHubPassesNoRemoteId() {
        fx.context.stateMap.put("remote-id:kehu-p-42", "65a1f0c2e4b0a1b2c3d4e000");
        fx.remote.stubFor(update().willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))).get(0).outcome())
                .isEqualTo(DeliveryResult.Outcome.UPDATED);
    }

    @Test
    void reportsEachRecordOfABatchInOrderWithTheRejectedOnesCodeAndMessage() {
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
        fx.remote.stubFor(create().withRequestBody(matchingJsonPath("$.data._widget_1432728651402.value", equalTo("坏数据")))
                .willReturn(error(400, "invalid.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(
                lead("kehu-p-1", null, "陈静"), lead("kehu-p-2", null, "坏数据"), lead("kehu-p-3", null, "李雷")));

        assertThat(results).extracting(DeliveryResult::outcome).containsExactly(
                DeliveryResult.Outcome.CREATED, DeliveryResult.Outcome.FAILED, DeliveryResult.Outcome.CREATED);
        assertThat(results.get(1)).isEqualTo(DeliveryResult.rejected("1", "The request is invalid."));
    }

    @Test
    void theRateLimitCodeInsideA400IsRetryable() {
        fx.remote.stubFor(create().willReturn(error(400, "rate-limited.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("8303");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @ParameterizedTest(name = "HTTP {0} Retry-After {1}")
    @CsvSource({"429, 2, 2", "429, , -1", "502, , -1", "503, 5, 5"})
    void concurrencyLimitsAndGatewayErrorsAreRetryable(int httpStatus, String retryAfter, long seconds) {
        var answer = aResponse().withStatus(httpStatus).withBody("{\"code\":" + httpStatus + ",\"msg\":\"busy\"}");
        fx.remote.stubFor(create().willReturn(retryAfter == null ? answer : answer.withHeader("Retry-After", retryAfter)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(seconds < 0 ? null : Duration.ofSeconds(seconds));
                });
    }

    @Test
    void aRefusedApiKeyFailsTheWholeCallForGood() {
        fx.remote.stubFor(create().willReturn(aResponse().withStatus(401).withBody("{\"code\":401,\"msg\":\"Unauthorized\"}")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain(API_KEY);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not JSON, <html>", "no _id, {\"data\":{}}"})
    void aMalformedAnswerIsRetryable(String what, String body) {
        fx.remote.stubFor(create().willReturn(aResponse().withStatus(200).withBody(body)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
                });
    }

    @Test
    void checkPassesWhenTheFormHasEveryMappedWidget() {
        fx.remote.stubFor(post(urlEqualTo(JiandaoyunClient.WIDGETS_PATH)).willReturn(stub("widgets.json")));

        assertThat(new JiandaoyunConnector().check(fx.config).ok()).isTrue();
    }

    @Test
    void checkNamesAMappedWidgetTheFormLacks() {
        fx.remote.stubFor(post(urlEqualTo(JiandaoyunClient.WIDGETS_PATH)).willReturn(okJson("{\"widgets\":[{\"name\":\"_widget_1432728651402\"}]}")));

        CheckResult result = new JiandaoyunConnector().check(fx.config);
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("_widget_1432728651403");
    }

    @Test
    void theApiKeyNeverReachesTheLogsOrAnyMessage() {
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.kehu")) {
            fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
            fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静")));
            fx.remote.stubFor(create().willReturn(aResponse().withStatus(401)));
            try {
                fx.task().deliver(List.of(lead("kehu-p-2", null, "李雷")));
            } catch (RemoteCallException e) {
                texts.add(e.getMessage());
            }
            texts.add(new JiandaoyunConnector().check(fx.config).message());
            texts.add(fx.config.toString());
            texts.addAll(logs.texts());
        }
        assertThat(texts).hasSizeGreaterThan(3).allSatisfy(t -> assertThat(t).doesNotContain(API_KEY));
    }

    @Test
    void declaresOneEntryPerDeliverAndTwentyCreatesPerSecond() {
        JiandaoyunTask task = fx.task();
        assertThat(task.maxBatchSize()).isEqualTo(1);
        assertThat(task.rateLimit()).isEqualTo(io.kehu.api.spi.RateLimit.of(20, Duration.ofSeconds(1)));
    }
}

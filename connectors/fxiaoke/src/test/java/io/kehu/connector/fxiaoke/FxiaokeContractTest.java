package io.kehu.connector.fxiaoke;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.create;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.lead;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.query;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.status;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.stub;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Creates, updates, look-ups and every documented failure of 纷享销客's CRM data API. */
class FxiaokeContractTest {

    private FxiaokeFixture fx;

    @BeforeEach
    void start() {
        fx = new FxiaokeFixture();
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createsALeadWithTheOwnerTheExternalKeyAndTheActingUser() {
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静")));

        assertThat(results).containsExactly(DeliveryResult.created("5f1a9c2b7e3d4a0001b2c3d4"));
        fx.remote.verify(postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH)).withRequestBody(equalToJson("""
                {"corpAccessToken":"CAT-FRESH-7Q2","corpId":"FSCID_9E3A1C","currentOpenUserId":"FSUID_API0001",
                 "triggerWorkFlow":true,
                 "data":{"object_data":{"dataObjectApiName":"LeadsObj","name":"陈静","mobile":"13800000001",
                   "company":"蓝鑫软件","kehu_id__c":"kehu-p-42","owner":["FSUID_0A1B2C3D4E5F"]}}}""")));
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "5f1a9c2b7e3d4a0001b2c3d4");
    }

    @Test
    void updatesTheRecordTheHubKnowsInsteadOfCreating() {
        fx.remote.stubFor(update().willReturn(stub("update-ok.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(lead("kehu-p-42", "5f1a-known", "陈静")));

        assertThat(results).containsExactly(DeliveryResult.updated("5f1a-known"));
        fx.remote.verify(postRequestedFor(urlEqualTo(FxiaokeClient.UPDATE_PATH))
                .withRequestBody(matchingJsonPath("$.data.object_data._id", equalTo("5f1a-known")))
                .withRequestBody(matchingJsonPath("$.data.object_data.dataObjectApiName", equalTo("LeadsObj"))));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH)));
    }

    @Test
    void updatesTheRecordAnEarlierCreateMadeWhenTheHubPassesNoRemoteId() {
        fx.context.stateMap.put("remote-id:kehu-p-42", "5f1a-earlier");
        fx.remote.stubFor(update().willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.updated("5f1a-earlier"));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH)));
    }

    @Test
    void looksUpALeadWhoseCreateAnswerWasLostAndUpdatesItInsteadOfCreatingADuplicate() {
        fx.context.stateMap.put("remote-id:kehu-p-42", "pending");
        fx.remote.stubFor(query().willReturn(stub("query-found.json")));
        fx.remote.stubFor(update().willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.updated("5f1a9c2b7e3d4a0001ffee01"));
        fx.remote.verify(postRequestedFor(urlEqualTo(FxiaokeClient.QUERY_PATH)).withRequestBody(equalToJson("""
                {"data":{"dataObjectApiName":"LeadsObj","search_query_info":{"offset":0,"limit":1,
                 "filters":[{"field_name":"kehu_id__c","operator":"EQ","field_values":["kehu-p-42"]}]}}}""", true, true)));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH)));
    }

    @Test
    void createsALeadWhoseLostCreateMadeNothing() {
        fx.context.stateMap.put("remote-id:kehu-p-42", "pending");
        fx.remote.stubFor(query().willReturn(stub("query-empty.json")));
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.created("5f1a9c2b7e3d4a0001b2c3d4"));
    }

    @Test
    void reportsEachRecordOfABatchInOrderWithTheValidationErrorOfTheRejectedOne() {
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
        fx.remote.stubFor(create().withRequestBody(matchingJsonPath("$.data.object_data.name", equalTo("无手机")))
                .willReturn(stub("create-invalid.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(
                lead("kehu-p-1", null, "陈静"), lead("kehu-p-2", null, "无手机"), lead("kehu-p-3", null, "李雷")));

        assertThat(results).extracting(DeliveryResult::outcome).containsExactly(
                DeliveryResult.Outcome.CREATED, DeliveryResult.Outcome.FAILED, DeliveryResult.Outcome.CREATED);
        assertThat(results.get(1)).isEqualTo(DeliveryResult.rejected("32000", "参数错误:必填字段[手机]未填写"));
        assertThat(fx.context.stateMap).doesNotContainKey("remote-id:kehu-p-2");
    }

    @ParameterizedTest(name = "errorCode {0} waits {1} s")
    @CsvSource({"rate-limited.json, 20", "second-limit.json, 1"})
    void rateLimitCodesInsideA200AreRetryableAfterTheirWindow(String file, long seconds) {
        fx.remote.stubFor(create().willReturn(stub(file)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
                });
    }

    @Test
    void anExhaustedDailyQuotaWaitsUntilMidnightInChina() {
        fx.remote.stubFor(create().willReturn(stub("daily-quota.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("30002");
                    assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
                });
    }

    @Test
    void aBusyPlatformIsRetryableWithoutAWaitAndTheCreateStaysPendingForALookUp() {
        fx.remote.stubFor(create().willReturn(stub("busy.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("-1");
                    assertThat(e.retryAfter()).isNull();
                });
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "pending");
    }

    @Test
    void anAppTheTenantNoLongerAuthorisesFailsTheWholeCallForGood() {
        fx.remote.stubFor(create().willReturn(stub("not-authorised.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("20022");
                });
        assertThat(fx.context.stateMap).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"429, 7, 7", "429, , -1", "502, , -1", "503, 30, 30"})
    void gatewayFailuresAreRetryableWithTheirRetryAfter(int httpStatus, String retryAfter, long expectedSeconds) {
        var answer = status(httpStatus).withBody("<html>busy</html>");
        fx.remote.stubFor(create().willReturn(retryAfter == null ? answer : answer.withHeader("Retry-After", retryAfter)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(httpStatus);
                    assertThat(e.retryAfter()).isEqualTo(expectedSeconds < 0 ? null : Duration.ofSeconds(expectedSeconds));
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not JSON, <html>", "no errorCode, NO_CODE"})
    void aMalformedAnswerIsRetryableAndTheNextAttemptLooksUpBeforeCreating(String what, String body) {
        fx.remote.stubFor(create().willReturn("NO_CODE".equals(body) ? stub("no-error-code.json") : status(200).withBody(body)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
                });
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "pending");
    }

    @Test
    void declaresOneRecordPerDeliverAndTheDocumentedCallBudget() {
        FxiaokeTask task = fx.task();
        assertThat(task.maxBatchSize()).isEqualTo(1);
        assertThat(task.rateLimit().calls()).isEqualTo(100);
        assertThat(task.rateLimit().per()).isEqualTo(Duration.ofSeconds(20));
    }
}

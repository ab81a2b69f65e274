package io.kehu.connector.neocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kehu.connector.neocrm.NeocrmFixture.create;
import static io.kehu.connector.neocrm.NeocrmFixture.lead;
import static io.kehu.connector.neocrm.NeocrmFixture.stub;
import static io.kehu.connector.neocrm.NeocrmFixture.token;
import static io.kehu.connector.neocrm.NeocrmFixture.update;
import static io.kehu.connector.neocrm.NeocrmFixture.xoql;
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

/** Creates, updates, look-ups and the failures of 销售易's lead API. */
class NeocrmContractTest {

    private NeocrmFixture fx;

    @BeforeEach
    void start() {
        fx = new NeocrmFixture();
        fx.remote.stubFor(token().willReturn(stub("token.json")));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void createsALeadWithTheBearerTokenOwnerEntityTypeAndExternalKey() {
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.created("3461908724664363"));

        fx.remote.verify(postRequestedFor(urlEqualTo(NeocrmClient.LEAD_PATH))
                .withHeader("Authorization", equalTo("Bearer " + NeocrmFixture.FRESH_TOKEN))
                .withRequestBody(equalToJson("""
                        {"data":{"name":"陈静","mobile":"13800000001","companyName":"蓝鑫软件",
                         "customItem180__c":"kehu-p-42","entityType":11010000400001,"ownerId":3392360243429516}}""")));
        fx.remote.verify(postRequestedFor(urlEqualTo(NeocrmClient.TOKEN_PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(containing("grant_type=password"))
                .withRequestBody(containing("username=kehu-api%40lanxin-soft.cn")));
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "3461908724664363");
    }

    @Test
    void updatesAKnownLeadWithPatchAndWithoutChangingItsBusinessType() {
        fx.remote.stubFor(update("3461908724660001").willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", "3461908724660001", "陈静"))))
                .containsExactly(DeliveryResult.updated("3461908724660001"));
        fx.remote.verify(patchRequestedFor(urlEqualTo(NeocrmClient.LEAD_PATH + "/3461908724660001"))
                .withRequestBody(matchingJsonPath("$.data.ownerId", equalTo("3392360243429516")))
                .withRequestBody(notContaining("entityType")));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(NeocrmClient.LEAD_PATH)));
    }

    @Test
    void looksUpALeadWhoseCreateAnswerWasLostByXoqlAndUpdatesIt() {
        fx.context.stateMap.put("remote-id:kehu-p-42", "pending");
        fx.remote.stubFor(xoql().willReturn(stub("xoql-found.json")));
        fx.remote.stubFor(update("3461908724660001").willReturn(stub("update-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .containsExactly(DeliveryResult.updated("3461908724660001"));
        fx.remote.verify(postRequestedFor(urlEqualTo(NeocrmClient.XOQL_PATH))
                .withRequestBody(equalTo("xoql=select+id+from+lead+where+customItem180__c+%3D+%27kehu-p-42%27")));
        fx.remote.verify(0, postRequestedFor(urlEqualTo(NeocrmClient.LEAD_PATH)));
    }

    @Test
    void reportsEachRecordOfABatchInOrderWithTheRejectedOnesCodeAndMessage() {
        fx.remote.stubFor(xoql().willReturn(stub("xoql-empty.json")));
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
        fx.remote.stubFor(create().withRequestBody(matchingJsonPath("$.data.name", equalTo("无公司")))
                .willReturn(stub("create-invalid.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(
                lead("kehu-p-1", null, "陈静"), lead("kehu-p-2", null, "无公司"), lead("kehu-p-3", null, "李雷")));

        assertThat(results).extracting(DeliveryResult::outcome).containsExactly(
                DeliveryResult.Outcome.CREATED, DeliveryResult.Outcome.FAILED, DeliveryResult.Outcome.CREATED);
        assertThat(results.get(1)).isEqualTo(DeliveryResult.rejected("400", "必填字段[公司名称]不能为空"));
        assertThat(fx.context.stateMap).doesNotContainKey("remote-id:kehu-p-2");
    }

    @ParameterizedTest(name = "HTTP {0} Retry-After {1}")
    @CsvSource({"429, 12, 12", "429, , -1", "500, , -1", "503, 3, 3"})
    void throttlingAndServerErrorsAreRetryableWithTheirRetryAfter(int httpStatus, String retryAfter, long seconds) {
        var answer = aResponse().withStatus(httpStatus).withBody("{\"code\":\"" + httpStatus + "\",\"msg\":\"请求过于频繁\"}");
        fx.remote.stubFor(create().willReturn(retryAfter == null ? answer : answer.withHeader("Retry-After", retryAfter)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(httpStatus);
                    assertThat(e.code()).isEqualTo(String.valueOf(httpStatus));
                    assertThat(e.retryAfter()).isEqualTo(seconds < 0 ? null : Duration.ofSeconds(seconds));
                });
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "pending");
    }

    @Test
    void aBusyCodeInsideHttp200IsRetryable() {
        fx.remote.stubFor(create().willReturn(stub("busy.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("503");
                });
    }

    @Test
    void aForbiddenCallFailsTheWholeBatchForGood() {
        fx.remote.stubFor(create().willReturn(aResponse().withStatus(403).withBody("{\"code\":\"403\",\"msg\":\"无权限\"}")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("无权限");
                });
        assertThat(fx.context.stateMap).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"not JSON, <html>", "no code, NO_CODE"})
    void aMalformedAnswerIsRetryableAndLeavesTheCreatePending(String what, String body) {
        fx.remote.stubFor(create().willReturn("NO_CODE".equals(body) ? stub("no-code.json") : aResponse().withStatus(200).withBody(body)));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-42", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.code()).isEqualTo("MALFORMED_ANSWER"));
        assertThat(fx.context.stateMap).containsEntry("remote-id:kehu-p-42", "pending");
    }

    @Test
    void declaresOneRecordPerDeliver() {
        assertThat(fx.task().maxBatchSize()).isEqualTo(1);
    }
}

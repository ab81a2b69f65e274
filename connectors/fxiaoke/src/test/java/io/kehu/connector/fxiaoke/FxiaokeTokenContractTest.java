package io.kehu.connector.fxiaoke;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.APP_SECRET;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.FRESH_TOKEN;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.PERMANENT_CODE;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.create;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.lead;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.query;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.stub;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.testing.LogCapture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The corpAccessToken: fetched once, kept across restarts, refreshed on expiry and on refusal. */
class FxiaokeTokenContractTest {

    private FxiaokeFixture fx;

    @BeforeEach
    void start() {
        fx = new FxiaokeFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void fetchesOneTokenWithTheAppCredentialsAndKeepsItInTheEncryptedState() {
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静")));
        fx.task().deliver(List.of(lead("kehu-p-2", null, "李雷")));

        fx.remote.verify(1, postRequestedFor(urlEqualTo(FxiaokeClient.TOKEN_PATH)).withRequestBody(equalToJson(
                "{\"appId\":\"FSAID_13198f1\",\"appSecret\":\"" + APP_SECRET + "\",\"permanentCode\":\"" + PERMANENT_CODE + "\"}")));
        assertThat(fx.context.secretMap.get("corpAccessToken")).contains(FRESH_TOKEN).contains("FSCID_9E3A1C");
        assertThat(fx.context.stateMap.values()).noneMatch(v -> v.contains(FRESH_TOKEN));
    }

    @Test
    void replacesACachedTokenThatHasExpired() {
        fx.cachedToken("CAT-OLD", Instant.now().minusSeconds(60));
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(create().willReturn(stub("create-ok.json")));

        fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静")));

        fx.remote.verify(postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.corpAccessToken", equalTo(FRESH_TOKEN))));
    }

    @Test
    void refreshesOnceWhenTheCachedTokenIsRefusedMidBatchAndRepeatsOnlyThatCall() {
        fx.cachedToken("CAT-OLD", Instant.now().plusSeconds(3600));
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(withToken(create(), "CAT-OLD").willReturn(stub("create-ok.json")));
        fx.remote.stubFor(withToken(create(), "CAT-OLD").withRequestBody(matchingJsonPath("$.data.object_data.name", equalTo("李雷")))
                .willReturn(stub("token-expired.json")));
        fx.remote.stubFor(withToken(create(), FRESH_TOKEN).willReturn(stub("create-ok.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(
                lead("kehu-p-1", null, "陈静"), lead("kehu-p-2", null, "李雷"), lead("kehu-p-3", null, "韩梅梅")));

        assertThat(results).allMatch(r -> r.outcome() == DeliveryResult.Outcome.CREATED);
        fx.remote.verify(1, postRequestedFor(urlEqualTo(FxiaokeClient.TOKEN_PATH)));
        fx.remote.verify(4, postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH)));
        fx.remote.verify(1, postRequestedFor(urlEqualTo(FxiaokeClient.CREATE_PATH))
                .withRequestBody(matchingJsonPath("$.corpAccessToken", equalTo(FRESH_TOKEN)))
                .withRequestBody(matchingJsonPath("$.data.object_data.name", equalTo("韩梅梅"))));
    }

    @Test
    void aFreshTokenRefusedAgainIsAPermanentFailureAndNoCreateStaysPending() {
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(create().willReturn(stub("token-expired.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("TOKEN_REFUSED");
                });
        fx.remote.verify(2, postRequestedFor(urlEqualTo(FxiaokeClient.TOKEN_PATH)));
        assertThat(fx.context.stateMap).isEmpty();
    }

    @Test
    void wrongAppCredentialsArePermanentAndNeverNamedInTheMessage() {
        fx.remote.stubFor(fx.token().willReturn(stub("token-refused.json")));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("20006");
                    assertThat(e.getMessage()).contains("20006").doesNotContain(APP_SECRET).doesNotContain(PERMANENT_CODE);
                });
    }

    @Test
    void checkPassesWhenTheTokenAndTheLookUpByExternalKeyWork() {
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(query().willReturn(stub("query-empty.json")));

        CheckResult result = new FxiaokeConnector().check(fx.config);

        assertThat(result.ok()).isTrue();
        assertThat(result.message()).contains("kehu_id__c");
        assertThat(fx.context.secretMap).isEmpty();
    }

    @Test
    void checkFailsWithTheVendorsReasonWhenTheCredentialsAreWrong() {
        fx.remote.stubFor(fx.token().willReturn(stub("token-refused.json")));

        CheckResult result = new FxiaokeConnector().check(fx.config);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("appId或appSecret错误").doesNotContain(APP_SECRET);
    }

    @Test
    void noSecretOrTokenReachesTheLogsOrAnyExceptionMessage() {
        fx.cachedToken("CAT-OLD-SECRET", Instant.now().plusSeconds(3600));
        fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
        fx.remote.stubFor(withToken(create(), "CAT-OLD-SECRET").willReturn(stub("token-expired.json")));
        fx.remote.stubFor(withToken(create(), FRESH_TOKEN).willReturn(stub("create-invalid.json")));
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.kehu")) {
            FxiaokeTask task = fx.task();
            task.deliver(List.of(lead("kehu-p-1", null, "陈静")));
            fx.remote.stubFor(create().willReturn(stub("busy.json")));
            texts.add(catchMessage(() -> task.deliver(List.of(lead("kehu-p-2", null, "李雷")))));
            fx.remote.stubFor(fx.token().willReturn(stub("token-refused.json")));
            fx.context.secretMap.clear();
            texts.add(catchMessage(() -> fx.task().deliver(List.of(lead("kehu-p-3", null, "韩梅梅")))));
            texts.add(new FxiaokeConnector().check(fx.config).message());
            texts.add(fx.config.toString());
            texts.addAll(logs.texts());
        }
        assertThat(texts).hasSizeGreaterThan(4).allSatisfy(t -> assertThat(t)
                .doesNotContain(APP_SECRET).doesNotContain(PERMANENT_CODE)
                .doesNotContain(FRESH_TOKEN).doesNotContain("CAT-OLD-SECRET"));
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
            return "";
        } catch (RemoteCallException e) {
            return e.getMessage();
        }
    }
}

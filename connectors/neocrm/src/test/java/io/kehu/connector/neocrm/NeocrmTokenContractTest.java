package io.kehu.connector.neocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.kehu.connector.neocrm.NeocrmFixture.CLIENT_SECRET;
import static io.kehu.connector.neocrm.NeocrmFixture.FRESH_TOKEN;
import static io.kehu.connector.neocrm.NeocrmFixture.PASSWORD;
import static io.kehu.connector.neocrm.NeocrmFixture.create;
import static io.kehu.connector.neocrm.NeocrmFixture.lead;
import static io.kehu.connector.neocrm.NeocrmFixture.stub;
import static io.kehu.connector.neocrm.NeocrmFixture.token;
import static io.kehu.connector.neocrm.NeocrmFixture.withToken;
import static io.kehu.connector.neocrm.NeocrmFixture.xoql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.testing.LogCapture;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The OAuth token: kept across restarts, refreshed on expiry and once on refusal. */
class NeocrmTokenContractTest {

    private NeocrmFixture fx;

    @BeforeEach
    void start() {
        fx = new NeocrmFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder unauthorized() {
        return aResponse().withStatus(401).withBody("{\"code\":\"401\",\"msg\":\"invalid token\"}");
    }

    @Test
    void replacesACachedTokenThatHasExpired() {
        fx.cachedToken("NEO-OLD", Instant.now().minusSeconds(10));
        fx.remote.stubFor(token().willReturn(stub("token.json")));
        fx.remote.stubFor(withToken(create(), FRESH_TOKEN).willReturn(stub("create-ok.json")));

        assertThat(fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静")))).allMatch(DeliveryResult::succeeded);
        assertThat(fx.context.secretMap.get("accessToken")).contains(FRESH_TOKEN);
    }

    @ParameterizedTest(name = "refused by {0}")
    @ValueSource(strings = {"HTTP 401", "code 401 inside HTTP 200"})
    void refreshesOnceWhenTheTokenIsRefusedMidBatch(String how) {
        fx.cachedToken("NEO-OLD", Instant.now().plusSeconds(3600));
        fx.remote.stubFor(token().willReturn(stub("token.json")));
        fx.remote.stubFor(withToken(create(), "NEO-OLD").willReturn(stub("create-ok.json")));
        fx.remote.stubFor(withToken(create(), "NEO-OLD").withRequestBody(matchingJsonPath("$.data.name", equalTo("李雷")))
                .willReturn(how.startsWith("HTTP") ? unauthorized() : stub("token-invalid.json")));
        fx.remote.stubFor(withToken(create(), FRESH_TOKEN).willReturn(stub("create-ok.json")));

        List<DeliveryResult> results = fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静"), lead("kehu-p-2", null, "李雷")));

        assertThat(results).allMatch(r -> r.outcome() == DeliveryResult.Outcome.CREATED);
        fx.remote.verify(1, postRequestedFor(urlEqualTo(NeocrmClient.TOKEN_PATH)));
        fx.remote.verify(3, postRequestedFor(urlEqualTo(NeocrmClient.LEAD_PATH)));
    }

    @Test
    void aFreshTokenRefusedAgainIsPermanent() {
        fx.remote.stubFor(token().willReturn(stub("token.json")));
        fx.remote.stubFor(create().willReturn(unauthorized()));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("TOKEN_REFUSED");
                });
        assertThat(fx.context.stateMap).isEmpty();
    }

    @Test
    void aRefusedPasswordIsPermanentAndItsValueNeverInTheMessage() {
        fx.remote.stubFor(token().willReturn(aResponse().withStatus(400).withBody(
                io.kehu.connector.kit.testing.StubFiles.body("neocrm/token-refused.json"))));

        assertThatThrownBy(() -> fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("invalid_grant");
                    assertThat(e.getMessage()).contains("用户名或密码错误").doesNotContain(PASSWORD).doesNotContain(CLIENT_SECRET);
                });
    }

    @Test
    void checkPassesWhenTheTokenAndTheLookUpWork() {
        fx.remote.stubFor(token().willReturn(stub("token.json")));
        fx.remote.stubFor(xoql().willReturn(stub("xoql-empty.json")));

        CheckResult result = new NeocrmConnector().check(fx.config);

        assertThat(result.ok()).isTrue();
        assertThat(fx.context.secretMap).isEmpty();
    }

    @Test
    void checkFailsWithTheReasonWhenTheLoginIsRefused() {
        fx.remote.stubFor(token().willReturn(aResponse().withStatus(400).withBody(
                io.kehu.connector.kit.testing.StubFiles.body("neocrm/token-refused.json"))));

        CheckResult result = new NeocrmConnector().check(fx.config);

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("invalid_grant");
    }

    @Test
    void noSecretOrTokenReachesTheLogsOrAnyExceptionMessage() {
        fx.remote.stubFor(token().willReturn(stub("token.json")));
        fx.remote.stubFor(create().willReturn(stub("create-invalid.json")));
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.kehu")) {
            fx.task().deliver(List.of(lead("kehu-p-1", null, "陈静")));
            fx.remote.stubFor(create().willReturn(unauthorized()));
            texts.add(catchMessage(() -> fx.task().deliver(List.of(lead("kehu-p-2", null, "李雷")))));
            fx.remote.stubFor(token().willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
            fx.context.secretMap.clear();
            texts.add(catchMessage(() -> fx.task().deliver(List.of(lead("kehu-p-3", null, "韩梅梅")))));
            texts.add(new NeocrmConnector().check(fx.config).message());
            texts.add(fx.config.toString());
            texts.addAll(logs.texts());
        }
        String encodedPassword = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
        assertThat(texts).hasSizeGreaterThan(4).allSatisfy(t -> assertThat(t).doesNotContain(CLIENT_SECRET)
                .doesNotContain(PASSWORD).doesNotContain(encodedPassword).doesNotContain(FRESH_TOKEN));
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

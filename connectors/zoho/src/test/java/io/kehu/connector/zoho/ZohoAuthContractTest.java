package io.kehu.connector.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.zoho.ZohoStubs.CLIENT_SECRET;
import static io.kehu.connector.zoho.ZohoStubs.NEW_TOKEN;
import static io.kehu.connector.zoho.ZohoStubs.NOW;
import static io.kehu.connector.zoho.ZohoStubs.OLD_TOKEN;
import static io.kehu.connector.zoho.ZohoStubs.REFRESH_TOKEN;
import static io.kehu.connector.zoho.ZohoStubs.TOKEN_PATH;
import static io.kehu.connector.zoho.ZohoStubs.UPSERT;
import static io.kehu.connector.zoho.ZohoStubs.json;
import static io.kehu.connector.zoho.ZohoStubs.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.TestDestinationContext;
import io.kehu.connector.kit.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Zoho tokens: fetched from the refresh token, kept with their API domain, refreshed on expiry and INVALID_TOKEN, never leaked. */
class ZohoAuthContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ZohoStubs stubs = new ZohoStubs(remote);

    private void upsertAnswersForTheNewToken() {
        remote.stubFor(post(urlEqualTo(UPSERT)).withHeader("Authorization", equalTo("Zoho-oauthtoken " + NEW_TOKEN))
                .willReturn(json(200, "upsert-all-failed.json")));
    }

    @Test
    void fetchesATokenFromTheRefreshTokenAndCallsTheApiDomainItNames() {
        stubs.tokenEndpoint();
        upsertAnswersForTheNewToken();
        TestDestinationContext ctx = stubs.context();

        assertThat(stubs.start(ctx).deliver(List.of(lead("p1", null, null)))).hasSize(1);

        remote.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withQueryParam("grant_type", equalTo("refresh_token"))
                .withQueryParam("refresh_token", equalTo(REFRESH_TOKEN))
                .withQueryParam("client_id", equalTo("1000.CLIENTID0ABCDEF"))
                .withQueryParam("client_secret", equalTo(CLIENT_SECRET)));
        assertThat(ctx.secretMap.get(ZohoClient.TOKEN_KEY)).contains(NEW_TOKEN).contains(remote.baseUrl())
                .contains(NOW.plusSeconds(3600).toString());
    }

    @Test
    void aCachedTokenIsUsedWithoutAFetchAndAnExpiredOneIsReplaced() {
        stubs.tokenEndpoint();
        upsertAnswersForTheNewToken();
        TestDestinationContext valid = stubs.context();
        stubs.cachedToken(valid, NEW_TOKEN, NOW.plus(Duration.ofMinutes(30)));
        stubs.start(valid).deliver(List.of(lead("p1", null, null)));
        remote.verify(0, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));

        TestDestinationContext expired = stubs.context();
        stubs.cachedToken(expired, OLD_TOKEN, NOW.plus(Duration.ofMinutes(2)));
        stubs.start(expired).deliver(List.of(lead("p1", null, null)));
        remote.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void anInvalidTokenMidBatchGetsOneNewTokenAndTheBatchSucceeds() {
        stubs.tokenEndpoint();
        upsertAnswersForTheNewToken();
        remote.stubFor(post(urlEqualTo(UPSERT)).withHeader("Authorization", equalTo("Zoho-oauthtoken " + OLD_TOKEN))
                .willReturn(json(401, "invalid-token.json")));
        TestDestinationContext ctx = stubs.context();
        stubs.cachedToken(ctx, OLD_TOKEN, NOW.plus(Duration.ofMinutes(30)));

        List<DeliveryResult> results = stubs.start(ctx).deliver(List.of(lead("p1", null, null)));

        assertThat(results).containsExactly(DeliveryResult.rejected("INVALID_DATA", "invalid data: Owner"));
        remote.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        remote.verify(2, postRequestedFor(urlEqualTo(UPSERT)));
    }

    @Test
    void aFreshTokenRefusedAgainIsAPermanentFailure() {
        stubs.tokenEndpoint();
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(401, "invalid-token.json")));
        TestDestinationContext ctx = stubs.context();
        stubs.cachedToken(ctx, OLD_TOKEN, NOW.plus(Duration.ofMinutes(30)));

        assertThatThrownBy(() -> stubs.start(ctx).deliver(List.of(lead("p1", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                });
        remote.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void aRevokedRefreshTokenAnsweredInsideA200IsPermanent() {
        remote.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(200, "token-invalid-code.json")));

        assertThatThrownBy(() -> stubs.start(stubs.context()).deliver(List.of(lead("p1", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("invalid_code");
                });
    }

    @Test
    void tooManyTokenRequestsAreRetriedAfterTheBlock() {
        remote.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(400, "token-access-denied.json")));

        assertThatThrownBy(() -> stubs.start(stubs.context()).deliver(List.of(lead("p1", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10));
                });
    }

    @Test
    void eachDataCentreHasItsOwnAccountsAndApiHostsChinaIncluded() {
        ConnectorConfig china = new ConnectorConfig(ZohoConfig.FIELDS, Map.of(ZohoConfig.DATA_CENTRE, "com.cn",
                ZohoConfig.CLIENT_ID, "c", ZohoConfig.CLIENT_SECRET, "s", ZohoConfig.REFRESH_TOKEN, "r"));
        assertThat(new ZohoConfig(china).accountsUrl()).hasToString("https://accounts.zoho.com.cn");
        assertThat(new ZohoConfig(china).defaultApiDomain()).isEqualTo("https://www.zohoapis.com.cn");
        ConnectorConfig eu = new ConnectorConfig(ZohoConfig.FIELDS, Map.of(ZohoConfig.DATA_CENTRE, "eu"));
        assertThat(new ZohoConfig(eu).accountsUrl()).hasToString("https://accounts.zoho.eu");
        assertThat(ZohoConfig.DATA_CENTRES).containsOnlyKeys("com", "eu", "in", "com.au", "jp", "com.cn");
    }

    @Test
    void checkSignsInAndFindsTheDuplicateCheckFields() {
        stubs.tokenEndpoint();
        remote.stubFor(get(urlEqualTo("/crm/v7/settings/fields?module=Leads")).willReturn(json(200, "fields-leads.json")));
        ZohoConnector connector = new ZohoConnector(ZohoStubs.CLOCK);

        assertThat(connector.check(stubs.config(Map.of())).ok()).isTrue();
        CheckResult missing = connector.check(stubs.config(Map.of(ZohoConfig.EXTERNAL_ID_FIELD, "Hub_Key")));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.message()).contains("no field Hub_Key");

        remote.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(200, "token-invalid-code.json")));
        CheckResult refused = connector.check(stubs.config(Map.of()));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("invalid_code");
    }

    @Test
    void noSecretOrTokenReachesALogAnExceptionOrTheConfigsText() {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            stubs.tokenEndpoint();
            remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(401, "invalid-token.json")));
            TestDestinationContext ctx = stubs.context();
            try {
                stubs.start(ctx).deliver(List.of(lead("p1", null, null)));
            } catch (RemoteCallException e) {
                seen.add(e.getMessage());
            }
            remote.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(json(200, "token-invalid-code.json")));
            seen.add(new ZohoConnector(ZohoStubs.CLOCK).check(ctx.config()).message());
            seen.add(ctx.config().toString());
            seen.addAll(logs.texts());
        }
        assertThat(seen).hasSizeGreaterThan(3).noneMatch(s -> s.contains(CLIENT_SECRET) || s.contains(REFRESH_TOKEN)
                || s.contains(NEW_TOKEN) || s.contains(OLD_TOKEN));
    }

    @Test
    void validationRefusesBadFieldNamesAndUnknownTriggers() {
        ZohoConnector connector = new ZohoConnector();
        assertThat(connector.validate(stubs.config(Map.of()))).isEmpty();
        assertThat(connector.validate(stubs.config(Map.of(ZohoConfig.DUPLICATE_CHECK_FIELDS, "Kehu Id",
                ZohoConfig.TRIGGERS, "workflow,webhook", ZohoConfig.DATA_CENTRE, "cn"))))
                .extracting(ConfigProblem::field).containsExactlyInAnyOrder(ZohoConfig.DATA_CENTRE);
        assertThat(connector.validate(stubs.config(Map.of(ZohoConfig.DUPLICATE_CHECK_FIELDS, "Kehu Id",
                ZohoConfig.TRIGGERS, "workflow,webhook"))))
                .extracting(ConfigProblem::field).containsExactlyInAnyOrder(ZohoConfig.DUPLICATE_CHECK_FIELDS, ZohoConfig.TRIGGERS);
    }
}

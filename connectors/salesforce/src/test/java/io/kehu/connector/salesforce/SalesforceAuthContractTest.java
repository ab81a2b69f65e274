package io.kehu.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.salesforce.SalesforceStubs.CLIENT_SECRET;
import static io.kehu.connector.salesforce.SalesforceStubs.COLLECTION;
import static io.kehu.connector.salesforce.SalesforceStubs.DATA;
import static io.kehu.connector.salesforce.SalesforceStubs.NEW_TOKEN;
import static io.kehu.connector.salesforce.SalesforceStubs.NOW;
import static io.kehu.connector.salesforce.SalesforceStubs.OLD_TOKEN;
import static io.kehu.connector.salesforce.SalesforceStubs.PASSWORD;
import static io.kehu.connector.salesforce.SalesforceStubs.REFRESH_TOKEN;
import static io.kehu.connector.salesforce.SalesforceStubs.json;
import static io.kehu.connector.salesforce.SalesforceStubs.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
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

/** Salesforce tokens: fetched per grant type, cached, refreshed on expiry and on INVALID_SESSION_ID, never leaked. */
class SalesforceAuthContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SalesforceStubs stubs = new SalesforceStubs(remote);

    private void upsertAnswersCreatedForTheNewToken() {
        remote.stubFor(patch(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1"))
                .withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN)).willReturn(json(201, "single-created.json")));
    }

    @Test
    void fetchesAClientCredentialsTokenAndCallsTheInstanceUrlItNames() {
        stubs.tokenEndpoint();
        upsertAnswersCreatedForTheNewToken();
        TestDestinationContext ctx = stubs.context();

        assertThat(stubs.start(ctx).deliver(List.of(lead("p1", null, null)))).containsExactly(DeliveryResult.created("00Q5g00000LeAd1EAF"));

        remote.verify(1, postRequestedFor(urlEqualTo("/services/oauth2/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=3MVG9-consumer-key&client_secret=" + CLIENT_SECRET)));
        assertThat(ctx.secretMap.get(SalesforceClient.TOKEN_KEY)).contains(NEW_TOKEN).contains(remote.baseUrl());
        assertThat(ctx.stateMap).isEmpty();
    }

    @Test
    void aCachedTokenIsUsedWithoutAFetchAndAnExpiredOneIsReplaced() {
        stubs.tokenEndpoint();
        upsertAnswersCreatedForTheNewToken();
        TestDestinationContext valid = stubs.context();
        stubs.cachedToken(valid, NEW_TOKEN, NOW.plus(Duration.ofHours(1)));
        stubs.start(valid).deliver(List.of(lead("p1", null, null)));
        remote.verify(0, postRequestedFor(urlEqualTo("/services/oauth2/token")));

        TestDestinationContext expired = stubs.context();
        stubs.cachedToken(expired, OLD_TOKEN, NOW.minus(Duration.ofMinutes(1)));
        assertThat(stubs.start(expired).deliver(List.of(lead("p1", null, null))).get(0).succeeded()).isTrue();
        remote.verify(1, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        remote.verify(0, patchRequestedFor(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1"))
                .withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN)));
    }

    @Test
    void anInvalidSessionMidBatchGetsOneNewTokenAndTheBatchSucceeds() {
        stubs.tokenEndpoint();
        remote.stubFor(patch(urlEqualTo(COLLECTION)).withHeader("Authorization", equalTo("Bearer " + OLD_TOKEN))
                .willReturn(json(401, "invalid-session.json")));
        remote.stubFor(patch(urlEqualTo(COLLECTION)).withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .willReturn(json(200, "upsert-two-created.json")));
        TestDestinationContext ctx = stubs.context();
        stubs.cachedToken(ctx, OLD_TOKEN, NOW.plus(Duration.ofHours(1)));

        List<DeliveryResult> results = stubs.start(ctx).deliver(List.of(lead("p1", null, null), lead("p2", null, null)));

        assertThat(results).allMatch(DeliveryResult::succeeded);
        remote.verify(1, postRequestedFor(urlEqualTo("/services/oauth2/token")));
        remote.verify(2, patchRequestedFor(urlEqualTo(COLLECTION)));
        assertThat(ctx.secretMap.get(SalesforceClient.TOKEN_KEY)).contains(NEW_TOKEN);
    }

    @Test
    void aFreshTokenRefusedAgainIsAPermanentFailure() {
        stubs.tokenEndpoint();
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(401, "invalid-session.json")));
        TestDestinationContext ctx = stubs.context();
        stubs.cachedToken(ctx, OLD_TOKEN, NOW.plus(Duration.ofHours(1)));

        assertThatThrownBy(() -> stubs.start(ctx).deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                });
        remote.verify(1, postRequestedFor(urlEqualTo("/services/oauth2/token")));
    }

    @Test
    void refusedClientCredentialsArePermanentWithTheOAuthErrorCode() {
        remote.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(json(400, "token-invalid-client.json")));

        assertThatThrownBy(() -> stubs.start(stubs.context()).deliver(List.of(lead("p1", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.code()).isEqualTo("invalid_client");
                    assertThat(e.getMessage()).contains("invalid client credentials").doesNotContain(CLIENT_SECRET);
                });
    }

    @Test
    void aTokenEndpointOutageIsRetryable() {
        remote.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> stubs.start(stubs.context()).deliver(List.of(lead("p1", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
    }

    @Test
    void thePasswordGrantSendsUsernameAndPasswordWithSecurityToken() {
        stubs.tokenEndpoint();
        upsertAnswersCreatedForTheNewToken();
        TestDestinationContext ctx = new TestDestinationContext("sf", stubs.config(Map.of(
                SalesforceConfig.GRANT_TYPE, "password", SalesforceConfig.USERNAME, "hub@example.cn", SalesforceConfig.PASSWORD, PASSWORD)));

        stubs.start(ctx).deliver(List.of(lead("p1", null, null)));

        remote.verify(postRequestedFor(urlEqualTo("/services/oauth2/token")).withRequestBody(equalTo(
                "grant_type=password&client_id=3MVG9-consumer-key&client_secret=" + CLIENT_SECRET
                        + "&username=hub%40example.cn&password=hunter2-pw%2BSecurityTok3n")));
    }

    @Test
    void theRefreshTokenGrantSendsTheRefreshToken() {
        stubs.tokenEndpoint();
        upsertAnswersCreatedForTheNewToken();
        TestDestinationContext ctx = new TestDestinationContext("sf", stubs.config(Map.of(
                SalesforceConfig.GRANT_TYPE, "refresh_token", SalesforceConfig.REFRESH_TOKEN, REFRESH_TOKEN)));

        stubs.start(ctx).deliver(List.of(lead("p1", null, null)));

        remote.verify(postRequestedFor(urlEqualTo("/services/oauth2/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=" + REFRESH_TOKEN)));
    }

    @Test
    void checkSignsInAndFindsTheExternalIdField() {
        stubs.tokenEndpoint();
        remote.stubFor(get(urlEqualTo(DATA + "/sobjects/Lead/describe")).willReturn(json(200, "describe-lead.json")));
        SalesforceConnector connector = new SalesforceConnector(SalesforceStubs.CLOCK);

        assertThat(connector.check(stubs.config(Map.of()))).isEqualTo(CheckResult.ok("Signed in; Lead.Kehu_Id__c is an External ID field"));
        CheckResult missing = connector.check(stubs.config(Map.of(SalesforceConfig.EXTERNAL_ID_FIELD, "Other_Id__c")));
        assertThat(missing.ok()).isFalse();
        assertThat(missing.message()).contains("no field Other_Id__c");
        assertThat(connector.check(stubs.config(Map.of(SalesforceConfig.EXTERNAL_ID_FIELD, "Email"))).message())
                .contains("not marked External ID");
    }

    @Test
    void checkFailsWithTheReasonWhenTheCredentialsAreRefused() {
        remote.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(json(400, "token-invalid-client.json")));

        CheckResult result = new SalesforceConnector(SalesforceStubs.CLOCK).check(stubs.config(Map.of()));

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("invalid client credentials").doesNotContain(CLIENT_SECRET);
    }

    @Test
    void noSecretOrTokenReachesALogAnExceptionOrTheConfigsText() {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            stubs.tokenEndpoint();
            remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(401, "invalid-session.json")));
            TestDestinationContext ctx = new TestDestinationContext("sf", stubs.config(Map.of(
                    SalesforceConfig.GRANT_TYPE, "password", SalesforceConfig.USERNAME, "hub@example.cn", SalesforceConfig.PASSWORD, PASSWORD)));
            try {
                stubs.start(ctx).deliver(List.of(lead("p1", null, null), lead("p2", null, null)));
            } catch (RemoteCallException e) {
                seen.add(e.getMessage());
            }
            remote.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(json(400, "token-invalid-client.json")));
            seen.add(new SalesforceConnector(SalesforceStubs.CLOCK).check(ctx.config()).message());
            seen.add(ctx.config().toString());
            seen.addAll(ctx.errors);
            seen.addAll(logs.texts());
        }
        assertThat(seen).isNotEmpty().noneMatch(s -> s.contains(CLIENT_SECRET) || s.contains(PASSWORD)
                || s.contains(NEW_TOKEN) || s.contains(OLD_TOKEN));
    }

    @Test
    void validationNamesWhatEachGrantTypeNeedsAndBadNames() {
        SalesforceConnector connector = new SalesforceConnector();
        assertThat(connector.validate(stubs.config(Map.of()))).isEmpty();
        assertThat(connector.validate(stubs.config(Map.of(SalesforceConfig.GRANT_TYPE, "password"))))
                .extracting(ConfigProblem::field).containsExactly(SalesforceConfig.USERNAME, SalesforceConfig.PASSWORD);
        assertThat(connector.validate(stubs.config(Map.of(SalesforceConfig.GRANT_TYPE, "refresh_token"))))
                .extracting(ConfigProblem::field).containsExactly(SalesforceConfig.REFRESH_TOKEN);
        assertThat(connector.validate(stubs.config(Map.of(SalesforceConfig.API_VERSION, "45.0",
                SalesforceConfig.EXTERNAL_ID_FIELD, "Kehu Id"))))
                .extracting(ConfigProblem::field).containsExactlyInAnyOrder(SalesforceConfig.API_VERSION, SalesforceConfig.EXTERNAL_ID_FIELD);
    }
}

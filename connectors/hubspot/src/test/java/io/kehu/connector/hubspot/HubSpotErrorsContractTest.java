package io.kehu.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.hubspot.HubSpotStubs.TOKEN;
import static io.kehu.connector.hubspot.HubSpotStubs.UPSERT;
import static io.kehu.connector.hubspot.HubSpotStubs.chen;
import static io.kehu.connector.hubspot.HubSpotStubs.json;
import static io.kehu.connector.hubspot.HubSpotStubs.wang;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the HubSpot destination classifies failed calls: auth, rate-limit policies, outages, unreadable answers. */
class HubSpotErrorsContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HubSpotStubs stubs = new HubSpotStubs(remote);

    private void failsWith(ResponseDefinitionBuilder answer, Map<String, Object> config, Consumer<RemoteCallException> check) {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(answer));
        assertThatThrownBy(() -> stubs.start(config).deliver(List.of(chen(null, null), wang())))
                .isInstanceOfSatisfying(RemoteCallException.class, check);
    }

    @Test
    void aRefusedPrivateAppTokenIsPermanentSinceItCannotBeRefreshed() {
        failsWith(json(401, "invalid-authentication.json"), Map.of(), e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("INVALID_AUTHENTICATION");
        });
    }

    @Test
    void missingScopesArePermanent() {
        failsWith(json(403, "missing-scopes.json"), Map.of(), e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("MISSING_SCOPES");
        });
    }

    @Test
    void theTenSecondlyLimitHonoursRetryAfter() {
        failsWith(json(429, "rate-limit-ten-secondly.json").withHeader("Retry-After", "3"), Map.of(), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("TEN_SECONDLY_ROLLING");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        });
    }

    @Test
    void theTenSecondlyLimitWithoutRetryAfterWaitsForTheWindowHubSpotNames() {
        failsWith(json(429, "rate-limit-ten-secondly.json").withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
                .withHeader("X-HubSpot-RateLimit-Max", "100").withHeader("X-HubSpot-RateLimit-Remaining", "0"), Map.of(),
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
        failsWith(aResponse().withStatus(429).withBody("{}"), Map.of(), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("RATE_LIMIT");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void theDailyLimitWaitsUntilMidnightInTheAccountsTimeZone() {
        // Now is 08:00 UTC, 16:00 in Shanghai.
        failsWith(json(429, "rate-limit-daily.json"), Map.of(), e -> {
            assertThat(e.code()).isEqualTo("DAILY");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(16));
        });
        failsWith(json(429, "rate-limit-daily.json"), Map.of(HubSpotConfig.DAILY_LIMIT_ZONE, "Asia/Shanghai"),
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(8)));
    }

    @Test
    void aGatewayErrorIsRetryable() {
        failsWith(aResponse().withStatus(502).withBody(HubSpotStubs.file("bad-gateway.html")), Map.of(), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.status()).isEqualTo(502);
        });
    }

    @Test
    void anUnreadableSuccessIsARetryableMalformedAnswer() {
        failsWith(aResponse().withStatus(200).withBody("{\"status\":\"COMPLETE\",\"results\":[{\"id\""), Map.of(), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
        });
    }

    @Test
    void anErrorInsideA200IsRetryableWithHubSpotsCategory() {
        failsWith(json(200, "upsert-status-error.json"), Map.of(), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("INTERNAL_ERROR");
        });
    }

    @Test
    void checkReadsAContactWithTheToken() {
        remote.stubFor(get(urlEqualTo("/crm/v3/objects/contacts?limit=1")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(json(200, "contacts-page.json")));
        assertThat(new HubSpotConnector(HubSpotStubs.CLOCK).check(stubs.config(Map.of())).ok()).isTrue();

        remote.stubFor(get(urlEqualTo("/crm/v3/objects/contacts?limit=1")).willReturn(json(403, "missing-scopes.json")));
        CheckResult refused = new HubSpotConnector(HubSpotStubs.CLOCK).check(stubs.config(Map.of()));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("scopes");
    }

    @Test
    void theTokenNeverReachesALogAnExceptionOrTheConfigsText() {
        List<String> seen = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(401, "invalid-authentication.json")));
            try {
                stubs.start(Map.of()).deliver(List.of(chen(null, null)));
            } catch (RemoteCallException e) {
                seen.add(e.getMessage());
            }
            remote.stubFor(get(urlEqualTo("/crm/v3/objects/contacts?limit=1")).willReturn(json(401, "invalid-authentication.json")));
            seen.add(new HubSpotConnector(HubSpotStubs.CLOCK).check(stubs.config(Map.of())).message());
            seen.add(stubs.config(Map.of()).toString());
            seen.addAll(logs.texts());
        }
        assertThat(seen).hasSizeGreaterThan(3).noneMatch(s -> s.contains(TOKEN));
    }

    @Test
    void validationRefusesAnUnknownTimeZoneAndAZeroBudget() {
        assertThat(new HubSpotConnector().validate(stubs.config(Map.of()))).isEmpty();
        assertThat(new HubSpotConnector().validate(stubs.config(Map.of(HubSpotConfig.DAILY_LIMIT_ZONE, "Mars/Olympus",
                HubSpotConfig.CALLS_PER_10_SECONDS, "0"))))
                .extracting(ConfigProblem::field)
                .containsExactlyInAnyOrder(HubSpotConfig.DAILY_LIMIT_ZONE, HubSpotConfig.CALLS_PER_10_SECONDS);
    }
}

package io.kehu.connector.wechat;

import io.kehu.api.testing.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.HubException;
import io.kehu.api.spi.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WeComClient against WireMock stubs built from api-shapes.md: errors inside HTTP 200, tokens, throttling. */
class WeComClientContractTest {

    static final String CORP_ID = "ww4f1bd2a3c5e6f7a8";
    static final String SECRET = "contact-secret";
    static final Instant NOW = Instant.parse("2025-06-01T02:00:00Z");

    private WireMockServer wm;
    private final Map<String, String> state = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final Stubs.RecordingSleeper sleeper = new Stubs.RecordingSleeper();
    private final HttpClient http = WeChatApiClient.defaultHttpClient();

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stopWireMock() {
        wm.stop();
    }

    private WeComClient client() {
        return new WeComClient(URI.create(wm.baseUrl()), CORP_ID, SECRET, store(state), http, clock, Stubs.backoff(sleeper));
    }

    static StateStore store(Map<String, String> map) {
        return new StateStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(map.get(key));
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }

            @Override
            public void delete(String key) {
                map.remove(key);
            }
        };
    }

    private int tokenRequests() {
        return wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken"))).size();
    }

    @Test
    void fetchesOneTokenForManyCallsAndSendsItOnEach() {
        Stubs.load(wm, "wecom", "gettoken", "get-follow-user-list");
        WeComClient client = client();

        for (int i = 0; i < 5; i++) {
            assertThat(client.followUsers()).containsExactly("zhangsan", "rocky", "lisi");
        }

        assertThat(tokenRequests()).isEqualTo(1);
        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken"))
                .withQueryParam("corpid", equalTo(CORP_ID)).withQueryParam("corpsecret", equalTo(SECRET)));
        wm.verify(5, getRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_follow_user_list"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1")));
        assertThat(state.get(WeChatApiClient.TOKEN_STATE_KEY))
                .contains("ACCESS-TOKEN-1").contains(String.valueOf(NOW.plusSeconds(7200).getEpochSecond()))
                .doesNotContain(SECRET);
    }

    @Test
    void reusesTheStoredTokenAfterARestart() {
        Stubs.load(wm, "wecom", "gettoken", "get-follow-user-list");
        client().followUsers();

        clock.advance(Duration.ofHours(1));
        WeComClient afterRestart = client();
        afterRestart.followUsers();

        assertThat(tokenRequests()).isEqualTo(1);
        wm.verify(2, getRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_follow_user_list"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1")));
    }

    @Test
    void fetchesANewTokenShortlyBeforeTheOldOneExpires() {
        Stubs.load(wm, "wecom", "gettoken-rotating-first", "gettoken-rotating-second", "get-follow-user-list");
        WeComClient client = client();
        client.followUsers();

        clock.advance(Duration.ofSeconds(7200).minus(WeChatApiClient.EXPIRY_MARGIN).minusSeconds(1));
        client.followUsers();
        assertThat(tokenRequests()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        client.followUsers();
        assertThat(tokenRequests()).isEqualTo(2);
        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_follow_user_list"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-2")));
    }

    @Test
    void reusesAShortLivedTokenUntilHalfwayInsteadOfFetchingOnePerCall() {
        Stubs.load(wm, "wecom", "gettoken-short-lived", "get-follow-user-list");
        WeComClient client = client();

        for (int i = 0; i < 6; i++) {
            client.followUsers();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(tokenRequests()).isEqualTo(1);

        client.followUsers();
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void fetchesAtMostOneNewTokenWhenTokensKeepBeingRefused() {
        Stubs.load(wm, "wecom", "gettoken-rotating-first", "gettoken-rotating-second", "batch-get-by-user-always-invalid-token");
        WeComClient client = client();

        assertThatThrownBy(() -> client.customersOf(List.of("rocky"), "", 100))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("40014");

        assertThat(tokenRequests()).isEqualTo(2);
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1")));
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-2")));
        assertThat(wm.getAllServeEvents()).hasSize(4);
    }

    @Test
    void backsOffWithJitterAndRetriesWhenThrottled() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-throttled-once", "batch-get-by-user-page1");

        var page = client().customersOf(List.of("rocky", "zhangsan"), "", 100);

        assertThat(page.path("next_cursor").asText()).isEqualTo("CURSOR-PAGE-2");
        assertThat(sleeper.waits).hasSize(1);
        assertThat(sleeper.waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(tokenRequests()).isEqualTo(1);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")));
    }

    @Test
    void retriesWhenWeComIsBusy() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-busy-once", "batch-get-by-user-page1");

        client().customersOf(List.of("rocky"), "", 100);

        assertThat(sleeper.waits).hasSize(1);
        wm.verify(2, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")));
    }

    @Test
    void givesUpRetryablyAfterThreeThrottledTries() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-throttled");

        assertThatThrownBy(() -> client().customersOf(List.of("rocky"), "", 100))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.REMOTE_RETRYABLE))
                .hasMessageContaining("45009").hasMessageContaining("3 tries");

        wm.verify(3, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")));
        assertThat(sleeper.waits).hasSize(2);
        assertThat(sleeper.waits.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void aTokenRefreshDoesNotCountAsAThrottledTry() {
        Stubs.load(wm, "wecom", "gettoken-rotating-first", "gettoken-rotating-second", "batch-get-by-user-page2-expired",
                "batch-get-by-user-page2");
        // With the new token: throttled twice, then the page.
        for (String[] step : new String[][] {{"Started", "once", "45033"}, {"once", "twice", "45009"}}) {
            wm.stubFor(post(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")).atPriority(1)
                    .withQueryParam("access_token", equalTo("ACCESS-TOKEN-2"))
                    .inScenario("throttled after refresh").whenScenarioStateIs(step[0]).willSetStateTo(step[1])
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody("{\"errcode\":" + step[2] + ",\"errmsg\":\"api freq out of limit\"}")));
        }

        var page = client().customersOf(List.of("lisi"), "CURSOR-PAGE-2", 100);

        assertThat(page.path("external_contact_list")).hasSize(1);
        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(sleeper.waits).hasSize(2);
        wm.verify(4, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")));
    }

    @Test
    void anInvalidSecretIsAConfigurationErrorThatNamesNoSecret() {
        Stubs.load(wm, "wecom", "gettoken-invalid-secret");

        assertThatThrownBy(() -> client().followUsers())
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.CONFIGURATION))
                .hasMessageContaining("40001")
                .message().doesNotContain(SECRET);
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(state).doesNotContainKey(WeChatApiClient.TOKEN_STATE_KEY);
    }

    @Test
    void aThrottledTokenRequestIsNotRepeated() {
        Stubs.load(wm, "wecom", "gettoken-throttled", "get-follow-user-list");

        assertThatThrownBy(() -> client().followUsers())
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void sendsTheDocumentedBatchRequest() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-page2");

        client().customersOf(List.of("lisi", "rocky", "zhangsan"), "CURSOR-PAGE-2", 100);

        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1"))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("{\"userid_list\":[\"lisi\",\"rocky\",\"zhangsan\"],\"cursor\":\"CURSOR-PAGE-2\",\"limit\":100}")));
    }

    @Test
    void refusesMoreThan100UsersOrALimitAbove100WithoutCallingWeCom() {
        WeComClient client = client();
        List<String> users = IntStream.range(0, 101).mapToObj(i -> "user" + i).toList();

        assertThatThrownBy(() -> client.customersOf(users, "", 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.customersOf(List.of("rocky"), "", 101)).isInstanceOf(IllegalArgumentException.class);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void treatsHttpFailuresAsRetryable() {
        Stubs.load(wm, "wecom", "gettoken");
        wm.stubFor(post(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user")).willReturn(aResponse().withStatus(502)));

        assertThatThrownBy(() -> client().customersOf(List.of("rocky"), "", 100))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void resolvesCorpTagIdsToNames() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list");

        assertThat(client().corpTags())
                .containsEntry("etAJ2GCAAAXtWyujaWJHDDGi0mACHAAA", "一级")
                .containsEntry("etAJ2GCAAAXtWyujaWJHDDGi0mACJAAA", "展会")
                .hasSize(3);
        wm.verify(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_corp_tag_list")).withRequestBody(equalToJson("{}")));
    }
}

package io.kehu.connector.kit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kehu.api.spi.RemoteCallException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JsonHttpTest {

    private static WireMockServer remote;
    private final JsonHttp http = new JsonHttp("Vendor", Duration.ofSeconds(5), Clock.systemUTC());

    @BeforeAll
    static void start() {
        remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        remote.start();
    }

    @AfterAll
    static void stop() {
        remote.stop();
    }

    private HttpAnswer call(int status, String retryAfter, String body) {
        var response = aResponse().withStatus(status).withBody(body);
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        remote.stubFor(get(urlEqualTo("/x")).willReturn(response));
        return http.send(http.request(URI.create(remote.baseUrl() + "/x")).GET().build());
    }

    @Test
    void a429CarriesTheRemotesWait() {
        RemoteCallException e = http.failure(call(429, "7", "{}"), "RATE_LIMIT", "slow down");
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.code()).isEqualTo("RATE_LIMIT");
        assertThat(e.getMessage()).isEqualTo("Vendor answered HTTP 429: slow down");
    }

    @Test
    void a429WithoutRetryAfterIsRetryableWithNoWaitGiven() {
        RemoteCallException e = http.failure(call(429, null, "{}"), null, null);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void serverErrorsAreRetryableAndClientErrorsAreNot() {
        assertThat(http.failure(call(503, null, ""), null, null).retryable()).isTrue();
        assertThat(http.failure(call(400, null, "{}"), "INVALID", "bad field").retryable()).isFalse();
    }

    @Test
    void aBodyThatIsNotJsonIsARetryableMalformedAnswer() {
        HttpAnswer answer = call(200, null, "<html>gateway</html>");
        assertThatThrownBy(answer::json).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
        });
        assertThat(call(200, null, "{\"a\":1}").json().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void noAnswerAtAllIsRetryable() {
        JsonHttp unreachable = new JsonHttp("Vendor", Duration.ofSeconds(2), Clock.systemUTC());
        assertThatThrownBy(() -> unreachable.send(unreachable.request(URI.create("http://127.0.0.1:1/x")).GET().build()))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isZero();
                });
    }
}

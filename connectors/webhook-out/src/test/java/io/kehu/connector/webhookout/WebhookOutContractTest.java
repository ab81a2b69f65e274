package io.kehu.connector.webhookout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.TestDestinationContext;
import io.kehu.connector.kit.testing.LogCapture;
import io.kehu.connector.kit.testing.StubFiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One signed request per lead against a WireMock receiver, and how every kind of answer maps. */
class WebhookOutContractTest {

    private static final String SECRET = "whsec_9aK2mQ7pL0";
    private static final String AUTH = "Bearer adapter-token-55Xy";
    private static final String TEMPLATE = """
            {"FormId": "BD_Customer", "Model": {"FNumber": {{idempotencyKey}}, "FName": {{fields.name}},
             "FTEL": {{fields.mobile}}, "FSELLER": {"FNumber": {{owner}}}, "FMEMO": "Kehu profile {{profileId}}"}}""";

    private final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private TestDestinationContext context;

    @BeforeEach
    void start() {
        remote.start();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("url", remote.baseUrl() + "/kingdee/customer/save?tenant=lanxin");
        given.put("bodyTemplate", TEMPLATE);
        given.put("signingSecret", SECRET);
        given.put("authorization", AUTH);
        given.put("headers", Map.of("X-Source", "kehu"));
        given.put("remoteIdPointer", "/data/id");
        given.put("maxCalls", "10");
        given.put("timeout", "5s");
        context = new TestDestinationContext("kingdee-adapter", new ConnectorConfig(WebhookOutConfig.FIELDS, given));
    }

    @AfterEach
    void stop() {
        remote.stop();
    }

    private WebhookOutTask task() {
        return (WebhookOutTask) new WebhookOutConnector().start(context);
    }

    private static Delivery lead(String key, String remoteId) {
        return new Delivery(key, key.replace("kehu-", ""), remoteId, Map.of("name", "陈静", "mobile", "13800000001"), "SALES-007");
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder save() {
        return post(urlPathEqualTo("/kingdee/customer/save"));
    }

    @Test
    void sendsTheRenderedBodyWithIdempotencyKeyAuthorizationAndAVerifiableSignature() {
        remote.stubFor(save().willReturn(okJson(StubFiles.body("webhook-out/saved.json"))));

        assertThat(task().deliver(List.of(lead("kehu-p-42", null)))).containsExactly(DeliveryResult.created("CUST-000731"));

        LoggedRequest sent = remote.findAll(postRequestedFor(urlEqualTo("/kingdee/customer/save?tenant=lanxin"))
                .withHeader("Idempotency-Key", equalTo("kehu-p-42"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("X-Source", equalTo("kehu"))
                .withRequestBody(equalToJson("""
                        {"FormId":"BD_Customer","Model":{"FNumber":"kehu-p-42","FName":"陈静","FTEL":"13800000001",
                         "FSELLER":{"FNumber":"SALES-007"},"FMEMO":"Kehu profile p-42"}}"""))).get(0);
        String signature = sent.getHeader(WebhookSignature.HEADER);
        String t = signature.substring(2, signature.indexOf(','));
        // What a receiver does: recompute over "<t>.<raw body>" with the shared secret.
        assertThat(signature).isEqualTo("t=" + t + ",v1=" + WebhookSignature.hmac(SECRET, t + "." + sent.getBodyAsString()));
        assertThat(Long.parseLong(t)).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(300L));
    }

    @Test
    void aLeadTheHubKnowsIsReportedUpdatedKeepingItsIdWhenTheAnswerHasNone() {
        remote.stubFor(save().willReturn(aResponse().withStatus(204)));

        assertThat(task().deliver(List.of(lead("kehu-p-42", "CUST-000731")))).containsExactly(DeliveryResult.updated("CUST-000731"));
    }

    @Test
    void reportsEachLeadOfABatchInOrderWithTheReceiversReasonForARefusedOne() {
        remote.stubFor(save().willReturn(okJson(StubFiles.body("webhook-out/saved.json"))));
        remote.stubFor(save().withHeader("Idempotency-Key", equalTo("kehu-p-2"))
                .willReturn(aResponse().withStatus(422).withBody(StubFiles.body("webhook-out/invalid.json"))));

        List<DeliveryResult> results = task().deliver(List.of(lead("kehu-p-1", null), lead("kehu-p-2", null), lead("kehu-p-3", null)));

        assertThat(results).extracting(DeliveryResult::outcome).containsExactly(
                DeliveryResult.Outcome.CREATED, DeliveryResult.Outcome.FAILED, DeliveryResult.Outcome.CREATED);
        assertThat(results.get(1).code()).isEqualTo("HTTP_422");
        assertThat(results.get(1).message()).contains("phone is not a valid mobile number");
        assertThat(results.get(1).retryable()).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} Retry-After {1}")
    @CsvSource({"429, 30, 30", "429, , -1", "408, , -1", "500, , -1", "503, 4, 4"})
    void timeoutsThrottlingAndServerErrorsAreRetryable(int httpStatus, String retryAfter, long seconds) {
        var answer = aResponse().withStatus(httpStatus);
        remote.stubFor(save().willReturn(retryAfter == null ? answer : answer.withHeader("Retry-After", retryAfter)));

        assertThatThrownBy(() -> task().deliver(List.of(lead("kehu-p-42", null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("HTTP_" + httpStatus);
                    assertThat(e.retryAfter()).isEqualTo(seconds < 0 ? null : Duration.ofSeconds(seconds));
                });
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"401", "403", "404"})
    void otherClientErrorsRefuseTheCallForGoodWithoutTheQueryOrCredentials(int httpStatus) {
        remote.stubFor(save().willReturn(aResponse().withStatus(httpStatus)));

        assertThatThrownBy(() -> task().deliver(List.of(lead("kehu-p-42", null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("/kingdee/customer/save").doesNotContain("tenant=lanxin")
                            .doesNotContain(AUTH).doesNotContain(SECRET);
                });
    }

    @Test
    void aSuccessWhoseBodyIsNotJsonStillSucceedsWithoutAnId() {
        remote.stubFor(save().willReturn(aResponse().withStatus(200).withBody("OK")));

        assertThat(task().deliver(List.of(lead("kehu-p-42", null)))).containsExactly(DeliveryResult.created(null));
    }

    @Test
    void declaresOneLeadPerDeliverAndTheConfiguredBudget() {
        WebhookOutTask task = task();
        assertThat(task.maxBatchSize()).isEqualTo(1);
        assertThat(task.rateLimit()).isEqualTo(io.kehu.api.spi.RateLimit.of(10, Duration.ofSeconds(1)));
    }

    @Test
    void checkProbesWithHeadAndReportsRefusedCredentials() {
        remote.stubFor(any(urlPathEqualTo("/kingdee/customer/save")).willReturn(aResponse().withStatus(405)));
        assertThat(new WebhookOutConnector().check(context.config()).ok()).isTrue();

        remote.stubFor(any(urlPathEqualTo("/kingdee/customer/save")).willReturn(aResponse().withStatus(401)));
        assertThat(new WebhookOutConnector().check(context.config()).ok()).isFalse();
        assertThat(remote.findAll(postRequestedFor(urlPathEqualTo("/kingdee/customer/save")))).isEmpty();
    }

    @Test
    void validateNamesAnUnknownPlaceholderAndATemplateThatIsNotJson() {
        WebhookOutConnector connector = new WebhookOutConnector();
        assertThat(connector.validate(new ConnectorConfig(WebhookOutConfig.FIELDS, Map.of("url", "http://x", "bodyTemplate", "{\"a\": {{phone}}}"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("phone"));
        assertThat(connector.validate(new ConnectorConfig(WebhookOutConfig.FIELDS, Map.of("url", "http://x", "bodyTemplate", "{\"a\": {{owner}}"))))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("does not render to JSON"));
        assertThat(connector.validate(context.config())).isEmpty();
    }

    @Test
    void noSecretReachesTheLogsOrAnyMessage() {
        List<String> texts = new ArrayList<>();
        try (LogCapture logs = LogCapture.of("io.kehu")) {
            remote.stubFor(save().willReturn(okJson(StubFiles.body("webhook-out/saved.json"))));
            task().deliver(List.of(lead("kehu-p-1", null)));
            remote.stubFor(save().willReturn(aResponse().withStatus(401)));
            try {
                task().deliver(List.of(lead("kehu-p-2", null)));
            } catch (RemoteCallException e) {
                texts.add(e.getMessage());
            }
            texts.add(new WebhookOutConnector().check(context.config()).message());
            texts.add(WebhookOutConfig.of(context.config()).toString());
            texts.addAll(logs.texts());
        }
        assertThat(texts).hasSizeGreaterThan(3).allSatisfy(t -> assertThat(t)
                .doesNotContain(SECRET).doesNotContain(AUTH).doesNotContain("adapter-token"));
    }
}

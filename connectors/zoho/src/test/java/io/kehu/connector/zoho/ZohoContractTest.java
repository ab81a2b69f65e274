package io.kehu.connector.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.zoho.ZohoStubs.NEW_TOKEN;
import static io.kehu.connector.zoho.ZohoStubs.NOW;
import static io.kehu.connector.zoho.ZohoStubs.UPSERT;
import static io.kehu.connector.zoho.ZohoStubs.json;
import static io.kehu.connector.zoho.ZohoStubs.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.TestDestinationContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Zoho destination sends for Lead upserts, and how it maps each documented answer. */
class ZohoContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final ZohoStubs stubs = new ZohoStubs(remote);
    private TestDestinationContext ctx;
    private ZohoTask task;

    @BeforeEach
    void start() {
        ctx = stubs.context();
        stubs.cachedToken(ctx, NEW_TOKEN, NOW.plus(Duration.ofMinutes(30)));
        task = stubs.start(ctx);
    }

    private void failsWith(ResponseDefinitionBuilder answer, Consumer<RemoteCallException> check) {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(answer));
        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, check);
    }

    @Test
    void upsertsWithTheKeyTheOwnerAndTheDuplicateCheckFieldsAndMapsInsertAndUpdate() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-insert-update.json")));

        List<DeliveryResult> results = task.deliver(List.of(lead("p1", null, "5843104000000424672"),
                lead("p2", "5843104000000509002", null)));

        assertThat(results).containsExactly(DeliveryResult.created("5843104000000601001"), DeliveryResult.updated("5843104000000509002"));
        remote.verify(1, postRequestedFor(urlEqualTo(UPSERT))
                .withHeader("Authorization", equalTo("Zoho-oauthtoken " + NEW_TOKEN))
                .withRequestBody(equalToJson("""
                        {"data": [
                          {"Last_Name": "陈静", "Company": "蓝信软件", "Email": "chen.jing@lanxin-soft.cn", "Kehu_Id": "kehu-p1",
                           "Owner": {"id": "5843104000000424672"}},
                          {"Last_Name": "陈静", "Company": "蓝信软件", "Email": "chen.jing@lanxin-soft.cn", "Kehu_Id": "kehu-p2"}],
                         "duplicate_check_fields": ["Kehu_Id", "Email"],
                         "trigger": ["workflow"]}""")));
    }

    @Test
    void duplicateCheckFieldsAndTriggersAreConfigurable() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-all-failed.json")));
        TestDestinationContext custom = new TestDestinationContext("z", stubs.config(Map.of(
                ZohoConfig.DUPLICATE_CHECK_FIELDS, List.of("Kehu_Id", "Mobile"), ZohoConfig.TRIGGERS, List.of())));
        stubs.cachedToken(custom, NEW_TOKEN, NOW.plus(Duration.ofMinutes(30)));

        stubs.start(custom).deliver(List.of(lead("p1", null, null)));

        remote.verify(postRequestedFor(urlEqualTo(UPSERT)).withRequestBody(equalToJson(
                "{\"duplicate_check_fields\":[\"Kehu_Id\",\"Mobile\"],\"trigger\":[]}", false, true)));
    }

    @Test
    void mapsEachRecordOfAMultiStatusAnswerInOrderWithZohosCodeAndField() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(207, "upsert-multi-status.json")));
        List<Delivery> batch = IntStream.rangeClosed(1, 5).mapToObj(i -> lead("p" + i, null, null)).toList();

        List<DeliveryResult> results = task.deliver(batch);

        assertThat(results).containsExactly(
                DeliveryResult.created("5843104000000601001"),
                DeliveryResult.rejected("MANDATORY_NOT_FOUND", "required field not found: Last_Name"),
                DeliveryResult.rejected("INVALID_DATA", "invalid data: Email"),
                DeliveryResult.rejected("DUPLICATE_DATA", "duplicate data: Mobile"),
                DeliveryResult.retry("INTERNAL_ERROR", "Internal Server Error", null));
    }

    @Test
    void aBatchWhoseEveryRecordFailedIsAnswered400WithPerRecordErrors() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(400, "upsert-all-failed.json")));

        assertThat(task.deliver(List.of(lead("p1", null, "not-a-user")))).containsExactly(
                DeliveryResult.rejected("INVALID_DATA", "invalid data: Owner"));
    }

    @Test
    void declaresTheUpsertLimitOf100() {
        assertThat(task.maxBatchSize()).isEqualTo(100);
    }

    @Test
    void throttlingIsRetryableWithAndWithoutRetryAfter() {
        failsWith(json(429, "too-many-requests.json").withHeader("Retry-After", "20"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        });
        failsWith(json(429, "too-many-requests.json"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).isNull();
        });
    }

    @Test
    void exhaustedApiCreditsAreRetriedAfterAnHour() {
        failsWith(json(400, "limit-exceeded.json"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("LIMIT_EXCEEDED");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void aServerErrorIsRetryableWithZohosCode() {
        failsWith(json(500, "internal-error.json"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("INTERNAL_ERROR");
        });
    }

    @Test
    void anErrorObjectInsideA200IsRetryableWithZohosCode() {
        failsWith(json(200, "internal-error.json"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("INTERNAL_ERROR");
        });
    }

    @Test
    void anUnreadableAnswerOrTheWrongNumberOfResultsIsARetryableMalformedAnswer() {
        failsWith(aResponse().withStatus(200).withBody("<html>502 Bad Gateway</html>"),
                e -> assertThat(e.code()).isEqualTo("MALFORMED_ANSWER"));
        failsWith(json(200, "upsert-all-failed.json"), e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
        });
    }

    @Test
    void aScopeTheGrantLacksIsPermanentWithoutATokenRefresh() {
        failsWith(json(401, "oauth-scope-mismatch.json"), e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("OAUTH_SCOPE_MISMATCH");
        });
        remote.verify(0, postRequestedFor(urlEqualTo(ZohoStubs.TOKEN_PATH)));
    }
}

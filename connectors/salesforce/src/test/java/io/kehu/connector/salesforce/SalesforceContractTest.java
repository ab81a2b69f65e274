package io.kehu.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.salesforce.SalesforceStubs.COLLECTION;
import static io.kehu.connector.salesforce.SalesforceStubs.DATA;
import static io.kehu.connector.salesforce.SalesforceStubs.NEW_TOKEN;
import static io.kehu.connector.salesforce.SalesforceStubs.NOW;
import static io.kehu.connector.salesforce.SalesforceStubs.json;
import static io.kehu.connector.salesforce.SalesforceStubs.lead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DeliveryResult.Outcome;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.api.testing.TestDestinationContext;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the Salesforce destination sends for Lead upserts, and how it maps each documented answer. */
class SalesforceContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final SalesforceStubs stubs = new SalesforceStubs(remote);
    private TestDestinationContext ctx;
    private SalesforceTask task;

    @BeforeEach
    void start() {
        ctx = stubs.context();
        stubs.cachedToken(ctx, NEW_TOKEN, NOW.plus(Duration.ofHours(1)));
        task = stubs.start(ctx);
    }

    @Test
    void upsertsABatchByTheExternalIdWithTheOwnerAsOwnerIdInOneCollectionCall() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(200, "upsert-two-created.json")));

        List<DeliveryResult> results = task.deliver(List.of(lead("p1", null, "0055g00000OwNeRAAA"), lead("p2", null, null)));

        assertThat(results).extracting(DeliveryResult::outcome, DeliveryResult::remoteId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.CREATED, "00Q5g00000LeAd1EAF"),
                org.assertj.core.groups.Tuple.tuple(Outcome.CREATED, "00Q5g00000LeAd2EAF"));
        remote.verify(1, patchRequestedFor(urlEqualTo(COLLECTION))
                .withHeader("Authorization", equalTo("Bearer " + NEW_TOKEN))
                .withRequestBody(equalToJson("""
                        {"allOrNone": false, "records": [
                          {"attributes": {"type": "Lead"}, "LastName": "陈", "FirstName": "静", "Company": "蓝信软件",
                           "Email": "chen.jing@lanxin-soft.cn", "Kehu_Id__c": "kehu-p1", "OwnerId": "0055g00000OwNeRAAA"},
                          {"attributes": {"type": "Lead"}, "LastName": "陈", "FirstName": "静", "Company": "蓝信软件",
                           "Email": "chen.jing@lanxin-soft.cn", "Kehu_Id__c": "kehu-p2"}]}""")));
        assertThat(ctx.counters).containsEntry("leads.created", 2L);
    }

    @Test
    void declaresTheCollectionLimitOf200() {
        assertThat(task.maxBatchSize()).isEqualTo(200);
        assertThat(task.rateLimit().unlimited()).isTrue();
    }

    @Test
    void mapsEachRecordOfAPartialFailureInOrderWithSalesforcesCodeAndMessage() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(200, "upsert-mixed.json")));
        List<Delivery> batch = IntStream.rangeClosed(1, 5).mapToObj(i -> lead("p" + i, null, null)).toList();

        List<DeliveryResult> results = task.deliver(batch);

        assertThat(results).hasSize(5);
        assertThat(results.get(0)).isEqualTo(DeliveryResult.created("00Q5g00000LeAd1EAF"));
        assertThat(results.get(1)).isEqualTo(DeliveryResult.updated("00Q5g00000LeAd2EAF"));
        assertThat(results.get(2)).isEqualTo(DeliveryResult.rejected("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]"));
        assertThat(results.get(3)).isEqualTo(DeliveryResult.retry("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", null));
        assertThat(results.get(4).retryable()).isFalse();
        assertThat(results.get(4).code()).isEqualTo("DUPLICATE_EXTERNAL_ID");
    }

    @Test
    void aSingleDeliveryWithAKnownRemoteIdIsUpsertedByItsKeyAndReportedUpdated() {
        remote.stubFor(patch(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p2")).willReturn(json(200, "single-updated.json")));

        DeliveryResult result = task.deliver(List.of(lead("p2", "00Q5g00000LeAd2EAF", "0055g00000OwNeRAAA"))).get(0);

        assertThat(result).isEqualTo(DeliveryResult.updated("00Q5g00000LeAd2EAF"));
        remote.verify(patchRequestedFor(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p2"))
                .withRequestBody(matchingJsonPath("$.OwnerId", equalTo("0055g00000OwNeRAAA")))
                .withRequestBody(equalToJson("{\"LastName\":\"陈\"}", true, true))
                // The key is in the URL; repeating it in the body is refused.
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("Kehu_Id__c")));
        remote.verify(0, patchRequestedFor(urlEqualTo(COLLECTION)));
    }

    @Test
    void aSingleNewLeadAnswered201IsCreated() {
        remote.stubFor(patch(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1")).willReturn(json(201, "single-created.json")));

        assertThat(task.deliver(List.of(lead("p1", null, null)))).containsExactly(DeliveryResult.created("00Q5g00000LeAd1EAF"));
    }

    @Test
    void aSingleUpsertMatchingSeveralLeadsIsRejectedForGood() {
        remote.stubFor(patch(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1")).willReturn(json(300, "single-multiple-choices.json")));

        DeliveryResult result = task.deliver(List.of(lead("p1", null, null))).get(0);

        assertThat(result.retryable()).isFalse();
        assertThat(result.code()).isEqualTo("MULTIPLE_RECORDS_MATCH");
        assertThat(result.message()).contains("Kehu_Id__c").contains("kehu-p1");
    }

    @Test
    void aSingleUpsertRefusedByValidationIsRejectedWithTheErrorCode() {
        remote.stubFor(patch(urlEqualTo(DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1")).willReturn(json(400, "single-invalid-email.json")));

        assertThat(task.deliver(List.of(lead("p1", null, null)))).containsExactly(
                DeliveryResult.rejected("INVALID_EMAIL_ADDRESS", "Email: invalid email address: chen.jing(at)example"));
    }

    @Test
    void theDailyRequestLimitIsRetryableAfterAnHour() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(403, "request-limit.json")));

        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(1));
                });
    }

    @Test
    void a429HonoursRetryAfterAndWithoutItLeavesTheWaitToTheHub() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });

        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(429)));
        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.retryAfter()).isNull();
                });
    }

    @Test
    void aServerErrorIsRetryableWithSalesforcesCode() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(503, "server-unavailable.json")));

        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("SERVER_UNAVAILABLE");
                });
    }

    @Test
    void aMaintenancePageInsteadOfJsonIsARetryableMalformedAnswer() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody(SalesforceStubs.file("maintenance.html"))));

        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
                });
    }

    @Test
    void fewerResultsThanRecordsIsARetryableMalformedAnswerNotAGuess() {
        remote.stubFor(patch(urlEqualTo(COLLECTION)).willReturn(json(200, "upsert-one-result.json")));

        assertThatThrownBy(() -> task.deliver(List.of(lead("p1", null, null), lead("p2", null, null))))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.code()).isEqualTo("MALFORMED_ANSWER");
                });
        remote.verify(0, postRequestedFor(urlEqualTo("/services/oauth2/token")));
    }
}

package io.kehu.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.kehu.connector.hubspot.HubSpotStubs.TOKEN;
import static io.kehu.connector.hubspot.HubSpotStubs.UPSERT;
import static io.kehu.connector.hubspot.HubSpotStubs.chen;
import static io.kehu.connector.hubspot.HubSpotStubs.json;
import static io.kehu.connector.hubspot.HubSpotStubs.wang;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the HubSpot destination sends for contact upserts, and how it maps each documented success and per-record answer. */
class HubSpotContractTest {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final HubSpotStubs stubs = new HubSpotStubs(remote);

    @Test
    void upsertsByEmailWithTheOwnerAndTheKeyAsTraceIdAndMapsNewToCreated() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-ok.json")));

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, "77001"), wang()));

        assertThat(results).containsExactly(DeliveryResult.created("1001"), DeliveryResult.updated("1002"));
        remote.verify(1, postRequestedFor(urlEqualTo(UPSERT))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"inputs": [
                          {"idProperty": "email", "id": "chen.jing@lanxin-soft.cn", "objectWriteTraceId": "kehu-p1",
                           "properties": {"email": "chen.jing@lanxin-soft.cn", "firstname": "静", "lastname": "陈", "hubspot_owner_id": "77001"}},
                          {"idProperty": "email", "id": "wang.lei@huaxin.cn", "objectWriteTraceId": "kehu-p2",
                           "properties": {"email": "wang.lei@huaxin.cn", "firstname": "磊", "lastname": "王"}}]}""")));
    }

    @Test
    void aKnownContactIsUpsertedByTheSameKeyAndReportedUpdated() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-ok-unordered.json")));

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, null), new Delivery("kehu-p2", "p2", "1002",
                Map.of("email", "Wang.Lei@huaxin.cn"), null)));

        // Results came back in another order and without trace ids: matched by the e-mail HubSpot echoes.
        assertThat(results).containsExactly(DeliveryResult.created("1001"), DeliveryResult.updated("1002"));
    }

    @Test
    void aCustomUniquePropertyCanTakeTheHubsKey() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-ok.json")));

        stubs.start(Map.of(HubSpotConfig.ID_PROPERTY, "kehu_id", HubSpotConfig.ID_SOURCE, "idempotencyKey")).deliver(List.of(chen(null, null)));

        remote.verify(postRequestedFor(urlEqualTo(UPSERT)).withRequestBody(equalToJson(
                "{\"inputs\":[{\"idProperty\":\"kehu_id\",\"id\":\"kehu-p1\"}]}", true, true)));
    }

    @Test
    void aLeadWithoutTheIdPropertyIsRejectedWithoutACall() {
        Delivery noEmail = new Delivery("kehu-p3", "p3", null, Map.of("phone", "+8613800000001"), null);

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(noEmail));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.retryable()).isFalse();
            assertThat(r.code()).isEqualTo("MISSING_ID_PROPERTY");
        });
        remote.verify(0, postRequestedFor(urlEqualTo(UPSERT)));
    }

    @Test
    void aMultiStatusAnswerRejectsTheInvalidContactWithHubSpotsCategoryAndMessage() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(207, "upsert-multi-status.json")));

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, null), wang()));

        assertThat(results.get(0)).isEqualTo(DeliveryResult.created("1001"));
        assertThat(results.get(1).retryable()).isFalse();
        assertThat(results.get(1).code()).isEqualTo("VALIDATION_ERROR/INVALID_OPTION");
        assertThat(results.get(1).message()).contains("lifecyclestage");
    }

    @Test
    void aWholeBatchRefusedForOneContactRejectsItAndResendsTheOthers() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(400, "batch-validation-error.json")));
        Delivery badEmail = new Delivery("kehu-p2", "p2", null, Map.of("email", "wang.lei(at)huaxin.cn"), null);

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, null), badEmail));

        assertThat(results.get(0).retryable()).isTrue();
        assertThat(results.get(0).code()).isEqualTo("BATCH_REFUSED");
        assertThat(results.get(1).retryable()).isFalse();
        assertThat(results.get(1).code()).isEqualTo("VALIDATION_ERROR");
        assertThat(results.get(1).message()).contains("INVALID_EMAIL");
    }

    @Test
    void aCanceledBatchInsideA200IsSentAgainLeadByLead() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-canceled.json")));

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, null), wang()));

        assertThat(results).allSatisfy(r -> {
            assertThat(r.retryable()).isTrue();
            assertThat(r.code()).isEqualTo("NO_RESULT");
        });
    }

    @Test
    void twoLeadsWithOneEmailAreNotSentInOneBatch() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(json(200, "upsert-ok.json")));
        Delivery sameEmail = new Delivery("kehu-p9", "p9", null, Map.of("email", "CHEN.JING@lanxin-soft.cn"), null);

        List<DeliveryResult> results = stubs.start(Map.of()).deliver(List.of(chen(null, null), sameEmail));

        assertThat(results.get(0)).isEqualTo(DeliveryResult.created("1001"));
        assertThat(results.get(1).code()).isEqualTo("DUPLICATE_IN_BATCH");
        assertThat(results.get(1).retryable()).isTrue();
    }

    @Test
    void declaresHundredInputsAndTheConfiguredTenSecondBudget() {
        HubSpotTask task = stubs.start(Map.of(HubSpotConfig.CALLS_PER_10_SECONDS, "190"));
        assertThat(task.maxBatchSize()).isEqualTo(100);
        assertThat(task.rateLimit()).isEqualTo(RateLimit.of(190, Duration.ofSeconds(10)));
        assertThat(stubs.start(Map.of()).rateLimit().calls()).isEqualTo(100);
    }

    @Test
    void aFullBatchIsOneCall() {
        remote.stubFor(post(urlEqualTo(UPSERT)).willReturn(aResponse().withStatus(200).withBody("{\"status\":\"COMPLETE\",\"results\":[]}")));
        List<Delivery> batch = IntStream.range(0, 100).mapToObj(i -> new Delivery("kehu-" + i, "" + i, null,
                Map.of("email", "lead" + i + "@example.cn"), null)).toList();

        assertThat(stubs.start(Map.of()).deliver(batch)).hasSize(100);

        remote.verify(1, postRequestedFor(urlEqualTo(UPSERT)));
    }
}

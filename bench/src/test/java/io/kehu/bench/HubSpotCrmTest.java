package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubSpotCrmTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final HubSpotCrm crm = new HubSpotCrm(new RollingWindowLimit(2, Duration.ofMinutes(1)), 0);

    @AfterEach
    void stop() {
        crm.close();
    }

    @Test
    void upsertsCreateThenUpdateContactsAndAnswerEachInputByItsTraceId() throws Exception {
        HttpResponse<String> first = upsert("kehu-p1", "kehu-p2");
        HttpResponse<String> second = upsert("kehu-p1");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(first.body()).path("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).path("objectWriteTraceId").asText()).isEqualTo("kehu-p1");
        assertThat(results.get(0).path("new").asBoolean()).isTrue();
        JsonNode again = JSON.readTree(second.body()).path("results").get(0);
        assertThat(again.path("new").asBoolean()).isFalse();
        assertThat(again.path("id").asText()).isEqualTo(results.get(0).path("id").asText());
        assertThat(crm.contacts().get("kehu-p1").upserts()).isEqualTo(2);
        assertThat(crm.contacts().get("kehu-p1").owner()).isEqualTo("51000001");
        assertThat(crm.calls()).extracting(HubSpotCrm.Call::records).containsExactly(2, 1);
    }

    @Test
    void aCallOverTheLimitIsRefusedWithRetryAfterAndNotApplied() throws Exception {
        upsert("kehu-p1");
        upsert("kehu-p2");
        HttpResponse<String> refused = upsert("kehu-p3");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(JSON.readTree(refused.body()).path("policyName").asText()).isEqualTo("TEN_SECONDLY_ROLLING");
        assertThat(crm.contacts()).doesNotContainKey("kehu-p3");
        assertThat(crm.calls()).extracting(HubSpotCrm.Call::status).containsExactly(200, 200, 429);
    }

    private HttpResponse<String> upsert(String... keys) throws Exception {
        StringBuilder inputs = new StringBuilder();
        for (String key : keys) {
            inputs.append(inputs.length() == 0 ? "" : ",").append("""
                    {"idProperty":"kehu_id","id":"%s","objectWriteTraceId":"%s","properties":{"hubspot_owner_id":"51000001"}}"""
                    .formatted(key, key));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(crm.baseUrl() + HubSpotCrm.UPSERT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[" + inputs + "]}")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

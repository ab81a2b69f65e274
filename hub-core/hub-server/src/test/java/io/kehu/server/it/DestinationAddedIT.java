package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.server.ingest.IngestService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A destination instance defined through the API wakes a routing run over every profile: what was held back for it goes out. */
class DestinationAddedIT extends HubTestSupport {

    static final Path ROOT = tempRoot("destination-added");
    static final String RULES = RoutingApiIT.CANDIDATE;

    @Autowired
    IngestService ingest;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws java.io.IOException {
        hubProperties(registry, DestinationAddedIT.class, ROOT);
        registry.add("hub.routing.interval", () -> "0");
        registry.add("hub.routing.min-gap", () -> "1s");
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
    }

    @Test
    void decisionsHeldBackForAMissingDestinationGoOutOnceItIsDefinedThroughTheApi() {
        assertThat(call(HttpMethod.PUT, "/api/v1/routing/rules", ADMIN_KEY, RULES, JsonNode.class)
                .getStatusCode().value()).isEqualTo(200);
        ingest("13900000021", "vip");
        ResponseEntity<JsonNode> run = await().atMost(Duration.ofSeconds(30)).until(
                () -> call(HttpMethod.POST, "/api/v1/routing/run?all=true", ADMIN_KEY, null, JsonNode.class),
                r -> r.getStatusCode().value() == 200);
        assertThat(run.getBody().path("unknownDestination").asLong()).as("crm-x is not defined yet").isPositive();
        assertThat(deliveries("crm-x")).isZero();

        // Unreachable: the entries wait in the outbox, which is all this test looks at.
        assertThat(call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, Map.of("id", "crm-x", "type", "crm-test",
                "config", Map.of("url", "http://127.0.0.1:9", "apiKey", "k-1")), JsonNode.class)
                .getStatusCode().value()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("crm-x") > 0);
    }

    private long deliveries(String destination) {
        return call(HttpMethod.GET, "/api/v1/deliveries?destination=" + destination, INTEGRATOR_KEY, null,
                JsonNode.class).getBody().path("total").asLong();
    }

    private void ingest(String phone, String tag) {
        Lead lead = new Lead("吴" + phone.substring(9), null, null, null, List.of(Identifier.phone(phone)), "spreadsheet",
                List.of(tag), null, null, Map.of(), null);
        ingest.submit("destination-added", List.of(new SourceRecord("destination-added:" + phone, "1", lead, null)));
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every endpoint but health wants a valid key with a sufficient role; refusals are problem details. */
class ApiSecurityIT extends HubTestSupport {

    static final Path ROOT = tempRoot("security");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, ApiSecurityIT.class, ROOT);
    }

    @Test
    void healthIsOpen() {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/api/v1/health", null, null, JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(r.getBody().path("elasticsearch").asText()).isEqualTo("UP");
    }

    @Test
    void requestsWithoutAValidKeyAreRefused() {
        for (String key : new String[] {null, "", "not-a-key", ADMIN_KEY + "x"}) {
            ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/api/v1/profiles?q=x", key, null, JsonNode.class);
            assertThat(r.getStatusCode().value()).isEqualTo(401);
            assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(r.getBody().path("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void bearerTokenWorksLikeTheHeader() {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        h.setBearerAuth(SALES_KEY);
        ResponseEntity<String> r = rest.exchange("/api/v1/profiles", HttpMethod.GET, new org.springframework.http.HttpEntity<>(h), String.class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void salesMaySearchButNotManageConnectors() {
        assertThat(call(HttpMethod.GET, "/api/v1/profiles", SALES_KEY, null, String.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<JsonNode> r = call(HttpMethod.POST, "/api/v1/connectors", SALES_KEY,
                Map.of("id", "x", "type", "spreadsheet"), JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(403);
        assertThat(r.getBody().path("detail").asText()).contains("integrator");
        assertThat(call(HttpMethod.GET, "/api/v1/connectors", INTEGRATOR_KEY, null, String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void unknownThingsAnswer404AsProblemDetails() {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/api/v1/profiles/p-nope", SALES_KEY, null, JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(404);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.getBody().path("detail").asText()).contains("p-nope");
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Callbacks through /hooks, the durable work queue with retries, and the dead-letter store with replay. */
class WebhookAndWorkIT extends HubTestSupport {

    static final Path ROOT = tempRoot("hooks");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, WebhookAndWorkIT.class, ROOT);
        TestPlugins.build(ROOT.resolve("plugins"), "hooks", "1.0.0", ">=1.0.0 & <2.0.0", "test.hooks.HookConnector",
                TestPlugins.HOOK_CONNECTOR);
        registry.add("hub.work.max-attempts", () -> "3");
        registry.add("hub.work.initial-backoff", () -> "3s");
        registry.add("hub.webhooks.max-body-bytes", () -> "1024");
        registry.add("hub.webhooks.rate-per-second", () -> "1");
        registry.add("hub.webhooks.burst", () -> "4");
    }

    @Test
    void aCallbackIsAcknowledgedOnceDurableProcessedInTheBackgroundAndDeduplicated() {
        create("hooks-a", Map.of());

        ResponseEntity<JsonNode> first = hook("hooks-a", "m-1", "张三,13912340001");
        ResponseEntity<JsonNode> retry = hook("hooks-a", "m-1", "张三,13912340001");

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(first.getBody().path("duplicate").asBoolean()).isFalse();
        assertThat(retry.getBody().path("duplicate").asBoolean()).as(String.valueOf(retry.getBody())).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(searchTotal("13912340001")).isEqualTo(1));
        JsonNode health = call(HttpMethod.GET, "/api/v1/connectors/hooks-a/health", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(health.path("counters").path("work.enqueued").asLong()).isEqualTo(1);
        assertThat(health.path("counters").path("work.duplicates").asLong()).isEqualTo(1);
    }

    @Test
    void aMalformedBodyIsRefusedKeptAsADeadLetterAndCanBeInspected() {
        create("hooks-b", Map.of());

        ResponseEntity<JsonNode> r = hook("hooks-b", "m-2", "bad payload 坏");

        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode list = await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters("hooks-b"), l -> l.path("total").asLong() == 1);
        String id = list.path("items").get(0).path("id").asText();
        JsonNode letter = call(HttpMethod.GET, "/api/v1/dead-letters/" + id, INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(new String(Base64.getDecoder().decode(letter.path("payload").asText()), StandardCharsets.UTF_8)).isEqualTo("bad payload 坏");
        assertThat(letter.path("status").asText()).isEqualTo("NEW");

        ResponseEntity<JsonNode> replay = call(HttpMethod.POST, "/api/v1/dead-letters/" + id + "/replay", INTEGRATOR_KEY, null, JsonNode.class);

        assertThat(replay.getStatusCode().value()).isEqualTo(400);
        assertThat(call(HttpMethod.GET, "/api/v1/dead-letters/" + id, INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void workThatKeepsFailingGoesToDeadLettersAndReplaysOnceTheCauseIsFixed() throws IOException {
        Path down = Files.createFile(ROOT.resolve("remote-down-c"));
        create("hooks-c", Map.of("failWhile", down.toString()));

        hook("hooks-c", "m-3", "李四,13912340003");

        JsonNode list = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("hooks-c"), l -> l.path("total").asLong() == 1);
        JsonNode letter = list.path("items").get(0);
        assertThat(letter.path("type").asText()).isEqualTo("work");
        assertThat(letter.path("attempts").asInt()).isEqualTo(3);
        assertThat(searchTotal("13912340003")).isZero();

        Files.delete(down);
        JsonNode replayed = call(HttpMethod.POST, "/api/v1/dead-letters/" + letter.path("id").asText() + "/replay",
                INTEGRATOR_KEY, null, JsonNode.class).getBody();

        assertThat(replayed.path("status").asText()).isEqualTo("REPLAYED");
        assertThat(searchTotal("13912340003")).isEqualTo(1);
    }

    @Test
    void pendingWorkSurvivesAStopAndRunsWhenTheInstanceStartsAgain() throws IOException {
        Path down = Files.createFile(ROOT.resolve("remote-down-d"));
        create("hooks-d", Map.of("failWhile", down.toString()));
        hook("hooks-d", "m-4", "王五,13912340004");
        await().atMost(Duration.ofSeconds(10)).until(() -> call(HttpMethod.GET, "/api/v1/connectors/hooks-d", INTEGRATOR_KEY,
                null, JsonNode.class).getBody().path("lastError").asText().contains("remote side down"));

        call(HttpMethod.POST, "/api/v1/connectors/hooks-d/stop", INTEGRATOR_KEY, null, JsonNode.class);
        Files.delete(down);
        call(HttpMethod.POST, "/api/v1/connectors/hooks-d/start", INTEGRATOR_KEY, null, JsonNode.class);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(searchTotal("13912340004")).isEqualTo(1));
        assertThat(deadLetters("hooks-d").path("total").asLong()).isZero();
    }

    @Test
    void oversizedBodiesUnknownInstancesAndFloodsAreRefused() {
        create("hooks-e", Map.of());

        assertThat(hook("hooks-e", "big", "x".repeat(2000)).getStatusCode().value()).isEqualTo(413);
        assertThat(hook("nobody", "n", "a,1").getStatusCode().value()).isEqualTo(404);
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            ResponseEntity<JsonNode> r = hook("hooks-e", "flood-" + i, "赵六,1391234" + String.format("%04d", 100 + i));
            if (r.getStatusCode().value() == 429) {
                throttled++;
                assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            }
        }
        assertThat(throttled).isGreaterThan(0);
        assertThat(deadLetters("hooks-e").path("total").asLong()).isZero();
    }

    private void create(String id, Map<String, Object> config) {
        var r = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, Map.of("id", id, "type", "hook-test", "config", config),
                String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(201);
    }

    private ResponseEntity<JsonNode> hook(String instance, String msgId, String body) {
        HttpHeaders h = new HttpHeaders();
        h.set("X-Id", msgId);
        h.setContentType(new MediaType("text", "plain", StandardCharsets.UTF_8));
        return rest.exchange(java.net.URI.create(rest.getRootUri() + "/hooks/" + instance), HttpMethod.POST,
                new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), h), JsonNode.class);
    }

    private JsonNode deadLetters(String connector) {
        return call(HttpMethod.GET, "/api/v1/dead-letters?connector=" + connector, INTEGRATOR_KEY, null, JsonNode.class).getBody();
    }

    private long searchTotal(String phone) {
        return call(HttpMethod.GET, "/api/v1/profiles?q=" + phone, SALES_KEY, null, JsonNode.class).getBody().path("total").asLong();
    }
}

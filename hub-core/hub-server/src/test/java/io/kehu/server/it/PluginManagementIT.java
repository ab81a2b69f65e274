package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.GetResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubApi;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.connectors.SecretBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Plugins load from the folder, an incompatible one is refused, instances run and secrets stay hidden. */
@ExtendWith(OutputCaptureExtension.class)
class PluginManagementIT extends HubTestSupport {

    static final Path ROOT = tempRoot("plugins");
    static final String TOKEN = "tok-Sup3rSecret-4711";

    @Autowired
    SecretBox secrets;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, PluginManagementIT.class, ROOT);
        // Off: the rescan test below must be the one that loads its plugin.
        registry.add("hub.plugins.watch-interval", () -> "0");
        java.nio.file.Files.writeString(ROOT.resolve("connectors").resolve("late-1.yml"), """
                id: late-1
                type: late-test
                enabled: true
                config:
                  url: https://late.example.cn
                  token: file-token-1
                """);
        Path plugins = ROOT.resolve("plugins");
        TestPlugins.copyFirstParty(plugins);
        TestPlugins.build(plugins, "vault", "1.0.0", ">=1.0.0 & <2.0.0", "test.vault.VaultConnector", TestPlugins.SECRET_CONNECTOR);
        TestPlugins.build(plugins, "future", "3.0.0", ">=2.0.0 & <3.0.0", "test.vault.VaultConnector",
                TestPlugins.SECRET_CONNECTOR.replace("vault-test", "future-test"));
    }

    @Test
    void loadsCompatiblePluginsAndRefusesAnIncompatibleOneWithAClearMessage() {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, "/api/v1/plugins", INTEGRATOR_KEY, null, JsonNode.class);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        r.getBody().forEach(p -> byId.put(p.path("id").asText(), p));
        assertThat(byId.get("spreadsheet").path("state").asText()).isEqualTo("STARTED");
        assertThat(byId.get("spreadsheet").path("connectors").toString()).contains("spreadsheet");
        assertThat(byId.get("vault").path("state").asText()).isEqualTo("STARTED");
        JsonNode future = byId.get("future");
        assertThat(future.path("state").asText()).isEqualTo("REFUSED");
        assertThat(future.path("problem").asText()).contains("hub-api >=2.0.0 & <3.0.0").contains("provides hub-api " + HubApi.VERSION);

        JsonNode types = call(HttpMethod.GET, "/api/v1/connector-types", INTEGRATOR_KEY, null, JsonNode.class).getBody();
        assertThat(types.findValuesAsText("type")).contains("spreadsheet", "vault-test").doesNotContain("future-test");
    }

    @Test
    void secretsNeverAppearInAnswersLogsOrTheStore(CapturedOutput output) throws Exception {
        Map<String, Object> body = Map.of("id", "vault-1", "type", "vault-test",
                "config", Map.of("url", "https://vault.internal.example:8200", "token", TOKEN));

        ResponseEntity<String> created = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, body, String.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).contains("RUNNING").contains("******").doesNotContain(TOKEN);
        assertThat(call(HttpMethod.GET, "/api/v1/connectors", INTEGRATOR_KEY, null, String.class).getBody())
                .contains("vault-1").doesNotContain(TOKEN);
        assertThat(call(HttpMethod.POST, "/api/v1/connectors/vault-1/check", INTEGRATOR_KEY, null, String.class).getBody())
                .contains("cannot reach").doesNotContain(TOKEN);
        ResponseEntity<String> invalid = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY,
                Map.of("id", "vault-2", "type", "vault-test", "config", Map.of("url", TOKEN, "token", TOKEN)), String.class);
        assertThat(invalid.getStatusCode().value()).isEqualTo(422);
        assertThat(invalid.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(invalid.getBody()).contains("url").doesNotContain(TOKEN);

        GetResponse<JsonNode> stored = TestElasticsearch.client().get(g -> g
                .index(TestElasticsearch.indexPrefix(PluginManagementIT.class) + "connectors").id("vault-1"), JsonNode.class);
        assertThat(stored.found()).isTrue();
        assertThat(stored.source().toString()).contains("enc:v1:").doesNotContain(TOKEN);
        assertThat(output.getAll()).contains("Starting vault connector").doesNotContain(TOKEN);
    }

    @Test
    void aChangeThatSendsTheSecretMaskedOrLeavesItOutKeepsTheStoredSecret() {
        assertThat(call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, Map.of("id", "vault-keep", "type", "vault-test",
                "config", Map.of("url", "https://vault.internal.example:8200", "token", TOKEN)), String.class)
                .getStatusCode().value()).isEqualTo(201);
        // What the console sends back: the config as the API showed it, secret masked.
        ResponseEntity<JsonNode> masked = call(HttpMethod.PUT, "/api/v1/connectors/vault-keep", INTEGRATOR_KEY, Map.of("type",
                "vault-test", "config", Map.of("url", "https://vault2.internal.example:8200", "token", "******")), JsonNode.class);
        assertThat(masked.getStatusCode().value()).isEqualTo(200);
        assertThat(storedToken("vault-keep")).isEqualTo(TOKEN);
        assertThat(masked.getBody().path("config").path("url").asText()).isEqualTo("https://vault2.internal.example:8200");

        ResponseEntity<JsonNode> left = call(HttpMethod.PUT, "/api/v1/connectors/vault-keep", INTEGRATOR_KEY, Map.of("type",
                "vault-test", "enabled", false, "config", Map.of("url", "https://vault3.internal.example:8200")), JsonNode.class);
        assertThat(left.getStatusCode().value()).isEqualTo(200);
        assertThat(storedToken("vault-keep")).isEqualTo(TOKEN);
        // Validating the edit counts the stored secret as given too.
        assertThat(call(HttpMethod.POST, "/api/v1/connectors/validate", INTEGRATOR_KEY, Map.of("id", "vault-keep", "type",
                "vault-test", "config", Map.of("url", "https://vault3.internal.example:8200")), JsonNode.class)
                .getBody().path("valid").asBoolean()).isTrue();

        assertThat(call(HttpMethod.PUT, "/api/v1/connectors/vault-keep", INTEGRATOR_KEY, Map.of("type", "vault-test",
                "config", Map.of("url", "https://vault3.internal.example:8200", "token", "tok-Retyped-0815")), String.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(storedToken("vault-keep")).isEqualTo("tok-Retyped-0815");
    }

    private String storedToken(String id) {
        try {
            GetResponse<JsonNode> stored = TestElasticsearch.client().get(g -> g
                    .index(TestElasticsearch.indexPrefix(PluginManagementIT.class) + "connectors").id(id), JsonNode.class);
            return secrets.decrypt(stored.source().path("config").path("token").asText());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void disablingAPluginStopsItsInstancesAndEnablingBringsItBack() {
        Map<String, Object> body = Map.of("id", "sheets-x", "type", "spreadsheet",
                "config", Map.of("inbox", ROOT.resolve("inbox-x").toString()));
        assertThat(call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, body, String.class).getStatusCode().value())
                .isEqualTo(201);

        assertThat(call(HttpMethod.POST, "/api/v1/plugins/spreadsheet/disable", INTEGRATOR_KEY, null, String.class)
                .getStatusCode().value()).isEqualTo(403);
        JsonNode disabled = call(HttpMethod.POST, "/api/v1/plugins/spreadsheet/disable", ADMIN_KEY, null, JsonNode.class).getBody();

        assertThat(disabled.path("state").asText()).isEqualTo("DISABLED");
        assertThat(call(HttpMethod.GET, "/api/v1/connectors/sheets-x", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("state").asText()).isEqualTo("STOPPED");
        assertThat(call(HttpMethod.GET, "/api/v1/connector-types", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .findValuesAsText("type")).doesNotContain("spreadsheet");

        JsonNode enabled = call(HttpMethod.POST, "/api/v1/plugins/spreadsheet/enable", ADMIN_KEY, null, JsonNode.class).getBody();
        assertThat(enabled.path("state").asText()).isEqualTo("STARTED");
        assertThat(call(HttpMethod.POST, "/api/v1/connectors/sheets-x/start", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void aPluginDroppedIntoTheFolderLoadsOnRescanWithoutRestartAndStartsTheInstancesWaitingForIt() throws Exception {
        assertThat(call(HttpMethod.GET, "/api/v1/connectors/late-1", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("state").asText()).as("no plugin has its type yet").isEqualTo("FAILED");
        TestPlugins.build(ROOT.resolve("plugins"), "late", "1.0.0", ">=1.0.0", "test.vault.VaultConnector",
                TestPlugins.SECRET_CONNECTOR.replace("vault-test", "late-test"));

        JsonNode r = call(HttpMethod.POST, "/api/v1/plugins/rescan", ADMIN_KEY, null, JsonNode.class).getBody();

        assertThat(r.path("loaded").toString()).contains("late");
        assertThat(r.path("started").toString()).contains("late-1");
        assertThat(call(HttpMethod.GET, "/api/v1/connectors/late-1", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .path("state").asText()).isEqualTo("RUNNING");
        assertThat(call(HttpMethod.GET, "/api/v1/connector-types", INTEGRATOR_KEY, null, JsonNode.class).getBody()
                .findValuesAsText("type")).contains("late-test");
    }
}

package io.kehu.connector.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.Delivery;
import io.kehu.api.testing.TestDestinationContext;
import io.kehu.connector.kit.testing.StubFiles;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Zoho's accounts server and CRM API in one WireMock, answering with the documented bodies under wiremock/zoho/. */
final class ZohoStubs {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String CLIENT_SECRET = "zoho-client-secret-3c9f1e77";
    static final String REFRESH_TOKEN = "1000.refresh0token0value.5d4c3b2a";
    static final String NEW_TOKEN = "1000.NEWACCESSTOKEN0a1b2c3d4e5f.9f8e7d6c5b4a";
    static final String OLD_TOKEN = "1000.OLDACCESSTOKEN0a1b2c3d4e5f.1a2b3c4d5e6f";
    static final String TOKEN_PATH = "/oauth/v2/token";
    static final String UPSERT = "/crm/v7/Leads/upsert";

    private final WireMockExtension remote;

    ZohoStubs(WireMockExtension remote) {
        this.remote = remote;
    }

    private static final StubFiles FILES = new StubFiles("zoho");

    static String file(String name) {
        return FILES.read(name);
    }

    static ResponseDefinitionBuilder json(int status, String file) {
        return FILES.json(status, file);
    }

    /** The accounts URL points at WireMock; the API domain comes from the token answer, as in production. */
    ConnectorConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put(ZohoConfig.ACCOUNTS_URL, remote.baseUrl());
        values.put(ZohoConfig.CLIENT_ID, "1000.CLIENTID0ABCDEF");
        values.put(ZohoConfig.CLIENT_SECRET, CLIENT_SECRET);
        values.put(ZohoConfig.REFRESH_TOKEN, REFRESH_TOKEN);
        values.put(ZohoConfig.TIMEOUT, "5s");
        values.putAll(overrides);
        return new ConnectorConfig(ZohoConfig.FIELDS, values);
    }

    TestDestinationContext context() {
        return new TestDestinationContext("zoho-test", config(Map.of()));
    }

    ZohoTask start(TestDestinationContext ctx) {
        return (ZohoTask) new ZohoConnector(CLOCK).start(ctx);
    }

    void tokenEndpoint() {
        remote.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(file("token.json").replace("{{api}}", remote.baseUrl()))));
    }

    void cachedToken(TestDestinationContext ctx, String value, Instant expiresAt) {
        ctx.secretMap.put(ZohoClient.TOKEN_KEY, "{\"value\":\"" + value + "\",\"expiresAt\":\"" + expiresAt
                + "\",\"extras\":{\"api_domain\":\"" + remote.baseUrl() + "\"}}");
    }

    static Delivery lead(String profileId, String remoteId, String owner) {
        return new Delivery("kehu-" + profileId, profileId, remoteId,
                Map.of("Last_Name", "陈静", "Company", "蓝信软件", "Email", "chen.jing@lanxin-soft.cn"), owner);
    }
}

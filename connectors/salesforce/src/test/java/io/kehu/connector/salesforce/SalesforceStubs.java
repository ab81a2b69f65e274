package io.kehu.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

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

/** A Salesforce org in WireMock, answering with the documented bodies under wiremock/salesforce/. */
final class SalesforceStubs {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String CLIENT_SECRET = "sf-consumer-secret-8F2D6C1E";
    static final String PASSWORD = "hunter2-pw+SecurityTok3n";
    static final String REFRESH_TOKEN = "5Aep861-refresh-token-value";
    /** The token token.json hands out. */
    static final String NEW_TOKEN = "00DRESTTOKEN!AQ0AQNEWSESSIONTOKENVALUE";
    static final String OLD_TOKEN = "00DRESTTOKEN!AQ0AQOLDSESSIONTOKENVALUE";
    static final String DATA = "/services/data/v62.0";
    static final String COLLECTION = DATA + "/composite/sobjects/Lead/Kehu_Id__c";

    private final WireMockExtension remote;

    SalesforceStubs(WireMockExtension remote) {
        this.remote = remote;
    }

    private static final StubFiles FILES = new StubFiles("salesforce");

    static String file(String name) {
        return FILES.read(name);
    }

    static ResponseDefinitionBuilder json(int status, String file) {
        return FILES.json(status, file);
    }

    ConnectorConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put(SalesforceConfig.LOGIN_URL, remote.baseUrl());
        values.put(SalesforceConfig.CLIENT_ID, "3MVG9-consumer-key");
        values.put(SalesforceConfig.CLIENT_SECRET, CLIENT_SECRET);
        values.put(SalesforceConfig.TIMEOUT, "5s");
        values.putAll(overrides);
        return new ConnectorConfig(SalesforceConfig.FIELDS, values);
    }

    TestDestinationContext context() {
        return new TestDestinationContext("sf-test", config(Map.of()));
    }

    SalesforceTask start(TestDestinationContext ctx) {
        return (SalesforceTask) new SalesforceConnector(CLOCK).start(ctx);
    }

    void tokenEndpoint() {
        remote.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(file("token.json").replace("{{instance}}", remote.baseUrl()))));
    }

    /** A token stored by an earlier run, as TokenCache keeps it. */
    void cachedToken(TestDestinationContext ctx, String value, Instant expiresAt) {
        ctx.secretMap.put(SalesforceClient.TOKEN_KEY, "{\"value\":\"" + value + "\",\"expiresAt\":\"" + expiresAt
                + "\",\"extras\":{\"instance_url\":\"" + remote.baseUrl() + "\"}}");
    }

    static Delivery lead(String profileId, String remoteId, String owner) {
        return new Delivery("kehu-" + profileId, profileId, remoteId,
                Map.of("LastName", "陈", "FirstName", "静", "Company", "蓝信软件", "Email", "chen.jing@lanxin-soft.cn"), owner);
    }
}

package io.kehu.connector.neocrm;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.Delivery;
import io.kehu.api.testing.TestDestinationContext;
import io.kehu.connector.kit.testing.StubFiles;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A WireMock 销售易 (login and API on one server) and an instance configured against it. */
final class NeocrmFixture implements AutoCloseable {

    static final String CLIENT_SECRET = "client-secret-3c4d5e";
    static final String PASSWORD = "pa55word+SecTok9";
    static final String FRESH_TOKEN = "NEO-FRESH.MzQxMDUyNDA5NTY3NzQyNA==0";

    final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final TestDestinationContext context;
    final ConnectorConfig config;

    NeocrmFixture() {
        remote.start();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("loginUrl", remote.baseUrl());
        given.put("apiUrl", remote.baseUrl());
        given.put("clientId", "627ca790c252ac82");
        given.put("clientSecret", CLIENT_SECRET);
        given.put("redirectUri", "https://api.xiaoshouyi.com");
        given.put("username", "kehu-api@lanxin-soft.cn");
        given.put("password", PASSWORD);
        given.put("entityType", "11010000400001");
        given.put("externalKeyField", "customItem180__c");
        given.put("timeout", "5s");
        config = new ConnectorConfig(NeocrmConfig.FIELDS, given);
        context = new TestDestinationContext("neocrm-sales", config);
    }

    static ResponseDefinitionBuilder stub(String file) {
        return okJson(StubFiles.body("neocrm/" + file));
    }

    static MappingBuilder token() {
        return post(urlEqualTo(NeocrmClient.TOKEN_PATH));
    }

    static MappingBuilder create() {
        return post(urlEqualTo(NeocrmClient.LEAD_PATH));
    }

    static MappingBuilder update(String id) {
        return patch(urlEqualTo(NeocrmClient.LEAD_PATH + "/" + id));
    }

    static MappingBuilder xoql() {
        return post(urlEqualTo(NeocrmClient.XOQL_PATH));
    }

    static MappingBuilder withToken(MappingBuilder call, String token) {
        return call.withHeader("Authorization", equalTo("Bearer " + token));
    }

    void cachedToken(String value, Instant expiresAt) {
        context.secretMap.put("accessToken", "{\"value\":\"" + value + "\",\"expiresAt\":\"" + expiresAt + "\",\"extras\":{}}");
    }

    NeocrmTask task() {
        return (NeocrmTask) new NeocrmConnector().start(context);
    }

    static Delivery lead(String key, String remoteId, String name) {
        return new Delivery(key, key.replace("kehu-", ""), remoteId,
                Map.of("name", name, "mobile", "13800000001", "companyName", "蓝鑫软件"), "3392360243429516");
    }

    @Override
    public void close() {
        remote.stop();
    }
}

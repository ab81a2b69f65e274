package io.kehu.connector.fxiaoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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

/** A WireMock 纷享销客 and an instance configured against it. */
final class FxiaokeFixture implements AutoCloseable {

    static final String APP_SECRET = "app-secret-9f8e7d6c";
    static final String PERMANENT_CODE = "perm-code-5a4b3c2d";
    static final String FRESH_TOKEN = "CAT-FRESH-7Q2";
    static final String OWNER = "FSUID_0A1B2C3D4E5F";

    final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final TestDestinationContext context;
    final ConnectorConfig config;

    FxiaokeFixture() {
        remote.start();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("baseUrl", remote.baseUrl());
        given.put("appId", "FSAID_13198f1");
        given.put("appSecret", APP_SECRET);
        given.put("permanentCode", PERMANENT_CODE);
        given.put("currentOpenUserId", "FSUID_API0001");
        given.put("externalKeyField", "kehu_id__c");
        given.put("timeout", "5s");
        config = new ConnectorConfig(FxiaokeConfig.FIELDS, given);
        context = new TestDestinationContext("fxiaoke-sales", config);
    }

    static ResponseDefinitionBuilder stub(String file) {
        return okJson(StubFiles.body("fxiaoke/" + file));
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status);
    }

    MappingBuilder token() {
        return post(urlEqualTo(FxiaokeClient.TOKEN_PATH));
    }

    static MappingBuilder create() {
        return post(urlEqualTo(FxiaokeClient.CREATE_PATH));
    }

    static MappingBuilder update() {
        return post(urlEqualTo(FxiaokeClient.UPDATE_PATH));
    }

    static MappingBuilder query() {
        return post(urlEqualTo(FxiaokeClient.QUERY_PATH));
    }

    static MappingBuilder withToken(MappingBuilder call, String token) {
        return call.withRequestBody(matchingJsonPath("$.corpAccessToken", com.github.tomakehurst.wiremock.client.WireMock.equalTo(token)));
    }

    /** A token the instance stored earlier, valid or not. */
    void cachedToken(String value, Instant expiresAt) {
        context.secretMap.put("corpAccessToken", "{\"value\":\"" + value + "\",\"expiresAt\":\"" + expiresAt
                + "\",\"extras\":{\"corpId\":\"FSCID_9E3A1C\"}}");
    }

    FxiaokeTask task() {
        return (FxiaokeTask) new FxiaokeConnector().start(context);
    }

    static Delivery lead(String key, String remoteId, String name) {
        return new Delivery(key, key.replace("kehu-", ""), remoteId,
                Map.of("name", name, "mobile", "13800000001", "company", "蓝鑫软件"), OWNER);
    }

    @Override
    public void close() {
        remote.stop();
    }
}

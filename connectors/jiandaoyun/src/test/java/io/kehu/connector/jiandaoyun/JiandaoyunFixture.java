package io.kehu.connector.jiandaoyun;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import java.util.LinkedHashMap;
import java.util.Map;

/** A WireMock 简道云 and a form instance configured against it. */
final class JiandaoyunFixture implements AutoCloseable {

    static final String API_KEY = "jdy-key-Zx81Lq0Pw3";

    final WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    final TestDestinationContext context;
    final ConnectorConfig config;

    JiandaoyunFixture() {
        remote.start();
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("baseUrl", remote.baseUrl());
        given.put("apiKey", API_KEY);
        given.put("appId", "5b0e1d3c8f2a4c0012a3b4c5");
        given.put("entryId", "5b0e1d3c8f2a4c0012a3b4c6");
        given.put("widgets", Map.of("name", "_widget_1432728651402", "mobile", "_widget_1432728651403",
                "company", "_widget_1432728651404"));
        given.put("ownerWidget", "_widget_1432728651405");
        given.put("timeout", "5s");
        config = new ConnectorConfig(JiandaoyunConfig.FIELDS, given);
        context = new TestDestinationContext("jdy-leads", config);
    }

    static ResponseDefinitionBuilder stub(String file) {
        return okJson(StubFiles.body("jiandaoyun/" + file));
    }

    static ResponseDefinitionBuilder error(int status, String file) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(StubFiles.body("jiandaoyun/" + file));
    }

    static MappingBuilder create() {
        return post(urlEqualTo(JiandaoyunClient.CREATE_PATH));
    }

    static MappingBuilder update() {
        return post(urlEqualTo(JiandaoyunClient.UPDATE_PATH));
    }

    JiandaoyunTask task() {
        return (JiandaoyunTask) new JiandaoyunConnector().start(context);
    }

    static Delivery lead(String key, String remoteId, String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("mobile", "13800000001");
        fields.put("company", "蓝鑫软件");
        fields.put("notes", "not mapped");
        return new Delivery(key, key.replace("kehu-", ""), remoteId, fields, "chenjing");
    }

    @Override
    public void close() {
        remote.stop();
    }
}

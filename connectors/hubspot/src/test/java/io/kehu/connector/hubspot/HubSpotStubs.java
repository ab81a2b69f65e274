package io.kehu.connector.hubspot;


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

/** A HubSpot account in WireMock, answering with the documented bodies under wiremock/hubspot/. */
final class HubSpotStubs {

    static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
    static final String UPSERT = "/crm/v3/objects/contacts/batch/upsert";

    private final WireMockExtension remote;

    HubSpotStubs(WireMockExtension remote) {
        this.remote = remote;
    }

    private static final StubFiles FILES = new StubFiles("hubspot");

    static String file(String name) {
        return FILES.read(name);
    }

    static ResponseDefinitionBuilder json(int status, String file) {
        return FILES.json(status, file);
    }

    ConnectorConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put(HubSpotConfig.BASE_URL, remote.baseUrl());
        values.put(HubSpotConfig.ACCESS_TOKEN, TOKEN);
        values.put(HubSpotConfig.TIMEOUT, "5s");
        values.putAll(overrides);
        return new ConnectorConfig(HubSpotConfig.FIELDS, values);
    }

    HubSpotTask start(Map<String, Object> overrides) {
        return (HubSpotTask) new HubSpotConnector(CLOCK).start(new TestDestinationContext("hs-test", config(overrides)));
    }

    static Delivery chen(String remoteId, String owner) {
        return new Delivery("kehu-p1", "p1", remoteId,
                Map.of("email", "chen.jing@lanxin-soft.cn", "firstname", "静", "lastname", "陈"), owner);
    }

    static Delivery wang() {
        return new Delivery("kehu-p2", "p2", null, Map.of("email", "wang.lei@huaxin.cn", "firstname", "磊", "lastname", "王"), null);
    }
}

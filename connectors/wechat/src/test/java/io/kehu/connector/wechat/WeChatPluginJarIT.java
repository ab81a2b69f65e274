package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.domain.Identifier;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.testing.PluginJars;
import io.kehu.api.testing.TestSourceContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class WeChatPluginJarIT {

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(WeChatPluginJarIT.class, "wechat");
    }

    @Test
    void carriesThePluginDescriptorAndBothExtensions() throws Exception {
        assertThat(jar().assertDescriptorAndIndex(WeComConnector.class, OfficialAccountConnector.class).getValue("Plugin-Description"))
                .contains("WeCom").contains("Official Account");
    }

    @Test
    void shadesJacksonUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void loadsInPf4jAndWorksThroughItsOwnClassLoader() throws Exception {
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        try {
            jar().withLoadedExtensions(dir, SourceConnector.class, connectors -> {
                assertThat(connectors).extracting(c -> c.descriptor().type()).containsExactlyInAnyOrder("wecom", "wechat-oa");
                SourceConnector oa = connectors.stream().filter(c -> c.descriptor().type().equals("wechat-oa")).findFirst().orElseThrow();

                // Shaded Jackson and the JDK's HTTP client inside the plugin's class loader: token, then user/info.
                Stubs.load(wm, "wechat-oa", "token", "user-info-unionid");
                Map<String, Object> values = Map.of("appId", WeComCryptoTest.APP_ID, "appSecret", "oa-app-secret",
                        "callbackToken", WeComCryptoTest.TOKEN, "baseUrl", wm.baseUrl());
                assertThat(oa.check(new ConnectorConfig(oa.descriptor().fields(), values)).ok()).isTrue();

                TestSourceContext ctx = new TestSourceContext("oa", oa.descriptor().fields(), values);
                try (SourceTask task = oa.start(ctx)) {
                    String xml = WeChatCallbacks.event(OfficialAccountContractTest.WITH_UNIONID, "gh", 1L, "subscribe", null);
                    WeComCrypto crypto = new WeComCrypto(WeComCryptoTest.TOKEN, null, WeComCryptoTest.APP_ID);
                    String ts = String.valueOf(Instant.now().getEpochSecond());
                    WebhookResponse r = task.webhook().handle(WeChatCallbacks.request("POST",
                            WeChatCallbacks.query("signature", crypto.plainSignature(ts, "n"), "timestamp", ts, "nonce", "n"),
                            xml, Instant.now()));
                    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("success");

                    TestSourceContext.Work w = ctx.work.values().iterator().next();
                    task.workHandler().process(w.id(), w.type(), w.payload());
                    assertThat(ctx.records().get(0).lead().identifiers()).contains(Identifier.unionId("o6_bmasdasdsad6_2sgVt7hMZOPfL"));
                }
            });
        } finally {
            wm.stop();
        }
    }
}

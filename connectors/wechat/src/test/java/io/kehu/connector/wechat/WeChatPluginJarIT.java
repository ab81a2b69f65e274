package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.HubApi;
import io.kehu.api.domain.Identifier;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** The jar that {@code package} built, checked as the hub will see it. */
class WeChatPluginJarIT {

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(WeChatPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-wechat-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndBothExtensions() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("wechat");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(manifest.getValue("Plugin-Description")).contains("WeCom").contains("Official Account");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(WeComConnector.class.getName()).contains(OfficialAccountConnector.class.getName());
        }
    }

    @Test
    void shadesJacksonUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/wechat/"));
            assertThat(classes).contains("io/kehu/connector/wechat/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(Collections.list(jar.entries())).extracting(ZipEntry::getName)
                    .noneMatch(n -> n.startsWith("META-INF/services/javax.xml"))
                    .noneMatch(n -> n.endsWith("module-info.class"));
        }
    }

    @Test
    void loadsInPf4jAndWorksThroughItsOwnClassLoader() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-wechat.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        WireMockServer wm = new WireMockServer(options().dynamicPort());
        wm.start();
        try {
            List<SourceConnector> connectors = pm.getExtensions(SourceConnector.class, "wechat");
            assertThat(connectors).extracting(c -> c.descriptor().type()).containsExactlyInAnyOrder("wecom", "wechat-oa");
            assertThat(connectors).allMatch(c -> c.getClass().getClassLoader() == pm.getPlugin("wechat").getPluginClassLoader());
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
        } finally {
            wm.stop();
            pm.stopPlugin("wechat");
            pm.unloadPlugins();
        }
    }
}

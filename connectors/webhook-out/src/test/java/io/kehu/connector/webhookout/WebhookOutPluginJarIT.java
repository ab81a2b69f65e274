package io.kehu.connector.webhookout;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.testing.TestDestinationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
class WebhookOutPluginJarIT {

    private static final String ID = "webhook-out";
    private static final String PACKAGE = "io/kehu/connector/webhookout/";

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(WebhookOutPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-" + ID + "-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo(ID);
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(WebhookOutConnector.class.getName());
        }
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(classes).allMatch(n -> n.startsWith(PACKAGE) || n.startsWith("io/kehu/connector/kit/"));
            assertThat(classes).contains("io/kehu/connector/kit/JsonHttp.class",
                    PACKAGE + "shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(classes).noneMatch(n -> n.startsWith("io/kehu/connector/kit/testing/"));
            assertThat(classes).noneMatch(n -> n.startsWith("io/kehu/api/") || n.startsWith("org/slf4j/") || n.startsWith("org/pf4j/"));
        }
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-" + ID + ".jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        WireMockServer remote = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        remote.start();
        try {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, ID);
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin(ID).getPluginClassLoader());
            ConnectorConfig config = new ConnectorConfig(connector.descriptor().fields(),
                    Map.of("url", remote.baseUrl() + "/leads", "remoteIdPointer", "/id"));
            assertThat(connector.validate(config)).isEmpty();

            remote.stubFor(post(urlEqualTo("/leads")).willReturn(okJson("{\"id\":\"L-1\"}")));
            try (DestinationTask task = connector.start(new TestDestinationContext("hook", config))) {
                assertThat(task.deliver(List.of(new Delivery("kehu-p-1", "p-1", null, Map.of("name", "陈静"), null))))
                        .containsExactly(DeliveryResult.created("L-1"));
            }
        } finally {
            remote.stop();
            pm.stopPlugin(ID);
            pm.unloadPlugins();
        }
    }
}

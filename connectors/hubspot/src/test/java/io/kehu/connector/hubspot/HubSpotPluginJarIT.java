package io.kehu.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.HubApi;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** The jar that {@code package} built, checked as the hub will see it. */
class HubSpotPluginJarIT {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(HubSpotPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-hubspot-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("hubspot");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(HubSpotConnector.class.getName());
        }
    }

    @Test
    void bundlesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(classes).contains("io/kehu/connector/kit/TokenCache.class",
                    "io/kehu/connector/hubspot/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/hubspot/") || n.startsWith("io/kehu/connector/kit/"));
        }
    }

    @Test
    void loadsInPf4jAndUpsertsContactsThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-hubspot.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, "hubspot");
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin("hubspot").getPluginClassLoader());

            HubSpotStubs stubs = new HubSpotStubs(remote);
            remote.stubFor(post(urlEqualTo(HubSpotStubs.UPSERT)).willReturn(HubSpotStubs.json(200, "upsert-ok.json")));
            TestDestinationContext ctx = new TestDestinationContext("hs", stubs.config(Map.of()));
            assertThat(connector.validate(ctx.config())).isEmpty();
            try (DestinationTask task = connector.start(ctx)) {
                assertThat(task.deliver(List.of(HubSpotStubs.chen(null, null), HubSpotStubs.wang())))
                        .containsExactly(DeliveryResult.created("1001"), DeliveryResult.updated("1002"));
            }
        } finally {
            pm.stopPlugin("hubspot");
            pm.unloadPlugins();
        }
    }
}

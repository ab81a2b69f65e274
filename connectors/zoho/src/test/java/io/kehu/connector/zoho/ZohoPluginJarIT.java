package io.kehu.connector.zoho;

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
class ZohoPluginJarIT {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(ZohoPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-zoho-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("zoho");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(ZohoConnector.class.getName());
        }
    }

    @Test
    void bundlesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(classes).contains("io/kehu/connector/kit/TokenCache.class",
                    "io/kehu/connector/zoho/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/zoho/") || n.startsWith("io/kehu/connector/kit/"));
        }
    }

    @Test
    void loadsInPf4jAndUpsertsThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-zoho.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, "zoho");
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin("zoho").getPluginClassLoader());

            ZohoStubs stubs = new ZohoStubs(remote);
            stubs.tokenEndpoint();
            remote.stubFor(post(urlEqualTo(ZohoStubs.UPSERT)).willReturn(ZohoStubs.json(200, "upsert-insert-update.json")));
            TestDestinationContext ctx = new TestDestinationContext("zoho", stubs.config(Map.of()));
            assertThat(connector.validate(ctx.config())).isEmpty();
            try (DestinationTask task = connector.start(ctx)) {
                assertThat(task.deliver(List.of(ZohoStubs.lead("p1", null, null), ZohoStubs.lead("p2", null, null))))
                        .containsExactly(DeliveryResult.created("5843104000000601001"), DeliveryResult.updated("5843104000000509002"));
            }
        } finally {
            pm.stopPlugin("zoho");
            pm.unloadPlugins();
        }
    }
}

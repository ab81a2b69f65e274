package io.kehu.connector.webform;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
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
import org.pf4j.PluginWrapper;

/** The jar that {@code package} built, checked as the hub will see it. */
class WebFormPluginJarIT {

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(WebFormPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-webform-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("webform");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(manifest.getValue("Plugin-Description")).contains("Jinshuju").contains("Typeform");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(WebFormConnector.class.getName());
        }
    }

    @Test
    void shadesJacksonUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();

            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/webform/") || n.startsWith("META-INF/versions/"));
            assertThat(classes).contains("io/kehu/connector/webform/shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(classes).noneMatch(n -> n.startsWith("io/kehu/api/") || n.startsWith("org/slf4j/") || n.startsWith("org/pf4j/"));
        }
    }

    @Test
    void loadsInPf4jAndAcceptsASubmissionThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-webform.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            PluginWrapper plugin = pm.getPlugin("webform");
            assertThat(plugin).isNotNull();
            List<SourceConnector> connectors = pm.getExtensions(SourceConnector.class, "webform");
            assertThat(connectors).hasSize(1);
            SourceConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());

            TestSourceContext ctx = new TestSourceContext("site", Map.of("preset", "jinshuju", "secret", Forms.TOKEN));
            assertThat(connector.validate(ctx.config)).isEmpty();
            try (SourceTask task = connector.start(ctx)) {
                WebhookRequest request = Forms.post().token().json(Forms.resource("jinshuju-push.json")).build();
                WebhookResponse r = task.webhook().handle(request);
                assertThat(r.status()).isEqualTo(200);
                assertThat(ctx.only().lead().name()).isEqualTo("张三");
            }
        } finally {
            pm.stopPlugin("webform");
            pm.unloadPlugins();
        }
    }
}

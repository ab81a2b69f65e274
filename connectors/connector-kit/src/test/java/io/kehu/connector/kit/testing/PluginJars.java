package io.kehu.connector.kit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import io.kehu.api.spi.DestinationConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/**
 * Checks of a destination plugin jar that {@code package} built, as the hub will see it: the PF4J
 * descriptor, the extension index, the kit and a relocated Jackson inside, and loading in PF4J.
 */
public final class PluginJars {

    private final String pluginId;
    private final Path jar;

    /** The jar {@code connector-<pluginId>-<version>.jar} next to the test classes of {@code testClass}. */
    public PluginJars(Class<?> testClass, String pluginId) throws Exception {
        this.pluginId = pluginId;
        Path target = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            this.jar = files.filter(p -> p.getFileName().toString().matches("connector-" + pluginId + "-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    public void assertDescriptorAndIndex(Class<?> connectorClass) throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo(pluginId);
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            ZipEntry index = file.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8)).contains(connectorClass.getName());
        }
    }

    /** The kit and Jackson (relocated under the plugin's package) inside; hub-api, slf4j and pf4j left to the host. */
    public void assertBundlesKitAndRelocatedJackson() throws Exception {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes = Collections.list(file.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            String own = "io/kehu/connector/" + pluginId + "/";
            assertThat(classes).contains("io/kehu/connector/kit/TokenCache.class",
                    own + "shaded/com/fasterxml/jackson/databind/ObjectMapper.class");
            assertThat(classes).allMatch(n -> n.startsWith(own) || n.startsWith("io/kehu/connector/kit/"));
            assertThat(classes).noneMatch(n -> n.startsWith("io/kehu/connector/kit/testing/"));
        }
    }

    /** Loads the jar alone in PF4J from {@code dir} and hands its one destination connector to {@code use}. */
    public void withLoadedConnector(Path dir, Consumer<DestinationConnector> use) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, pluginId);
            assertThat(connectors).hasSize(1);
            assertThat(connectors.get(0).getClass().getClassLoader()).isSameAs(pm.getPlugin(pluginId).getPluginClassLoader());
            use.accept(connectors.get(0));
        } finally {
            pm.stopPlugin(pluginId); // stopPlugins() trips over its own list in PF4J 3.15
            pm.unloadPlugins();
        }
    }
}

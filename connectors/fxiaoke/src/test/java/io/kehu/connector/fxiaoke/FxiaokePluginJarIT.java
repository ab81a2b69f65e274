package io.kehu.connector.fxiaoke;

import static io.kehu.connector.fxiaoke.FxiaokeFixture.create;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.lead;
import static io.kehu.connector.fxiaoke.FxiaokeFixture.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.HubApi;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import io.kehu.connector.kit.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;

/** The jar that {@code package} built, checked as the hub will see it. */
class FxiaokePluginJarIT {

    private static final String ID = "fxiaoke";

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(FxiaokePluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-" + ID + "-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        new PluginJars(FxiaokePluginJarIT.class, ID).assertDescriptorAndIndex(FxiaokeConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        new PluginJars(FxiaokePluginJarIT.class, ID).assertBundlesKitAndRelocatedJackson();
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-" + ID + ".jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try (FxiaokeFixture fx = new FxiaokeFixture()) {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, ID);
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin(ID).getPluginClassLoader());
            assertThat(connector.validate(fx.config)).isEmpty();

            fx.remote.stubFor(fx.token().willReturn(stub("token.json")));
            fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
            try (DestinationTask task = connector.start(fx.context)) {
                assertThat(task.deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                        .containsExactly(DeliveryResult.created("5f1a9c2b7e3d4a0001b2c3d4"));
            }
        } finally {
            pm.stopPlugin(ID);
            pm.unloadPlugins();
        }
    }
}

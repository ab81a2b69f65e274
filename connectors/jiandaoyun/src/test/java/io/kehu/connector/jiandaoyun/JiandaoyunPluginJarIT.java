package io.kehu.connector.jiandaoyun;

import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.create;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.lead;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.stub;
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
class JiandaoyunPluginJarIT {

    private static final String ID = "jiandaoyun";

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(JiandaoyunPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-" + ID + "-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        new PluginJars(JiandaoyunPluginJarIT.class, ID).assertDescriptorAndIndex(JiandaoyunConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        new PluginJars(JiandaoyunPluginJarIT.class, ID).assertBundlesKitAndRelocatedJackson();
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-" + ID + ".jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try (JiandaoyunFixture fx = new JiandaoyunFixture()) {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, ID);
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin(ID).getPluginClassLoader());
            assertThat(connector.validate(fx.config)).isEmpty();

            fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
            try (DestinationTask task = connector.start(fx.context)) {
                assertThat(task.deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                        .containsExactly(DeliveryResult.created("65a1f0c2e4b0a1b2c3d4e5f6"));
            }
        } finally {
            pm.stopPlugin(ID);
            pm.unloadPlugins();
        }
    }
}

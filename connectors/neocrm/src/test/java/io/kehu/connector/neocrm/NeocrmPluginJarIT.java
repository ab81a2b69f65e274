package io.kehu.connector.neocrm;

import static io.kehu.connector.neocrm.NeocrmFixture.create;
import static io.kehu.connector.neocrm.NeocrmFixture.lead;
import static io.kehu.connector.neocrm.NeocrmFixture.stub;
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
class NeocrmPluginJarIT {

    private static final String ID = "neocrm";

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(NeocrmPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-" + ID + "-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        new PluginJars(NeocrmPluginJarIT.class, ID).assertDescriptorAndIndex(NeocrmConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        new PluginJars(NeocrmPluginJarIT.class, ID).assertBundlesKitAndRelocatedJackson();
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-" + ID + ".jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        try (NeocrmFixture fx = new NeocrmFixture()) {
            List<DestinationConnector> connectors = pm.getExtensions(DestinationConnector.class, ID);
            assertThat(connectors).hasSize(1);
            DestinationConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(pm.getPlugin(ID).getPluginClassLoader());
            assertThat(connector.validate(fx.config)).isEmpty();

            fx.remote.stubFor(NeocrmFixture.token().willReturn(stub("token.json")));
            fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
            try (DestinationTask task = connector.start(fx.context)) {
                assertThat(task.deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                        .containsExactly(DeliveryResult.created("3461908724664363"));
            }
        } finally {
            pm.stopPlugin(ID);
            pm.unloadPlugins();
        }
    }
}

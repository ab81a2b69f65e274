package io.kehu.connector.neocrm;

import static io.kehu.connector.neocrm.NeocrmFixture.create;
import static io.kehu.connector.neocrm.NeocrmFixture.lead;
import static io.kehu.connector.neocrm.NeocrmFixture.stub;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.testing.PluginJars;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class NeocrmPluginJarIT {

    private static final String ID = "neocrm";

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(NeocrmPluginJarIT.class, ID).bundlingUnrelocated("io.kehu.connector.kit");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        jar().assertDescriptorAndIndex(NeocrmConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        assertThat(jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper"))
                .contains("io/kehu/connector/kit/TokenCache.class");
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        try (NeocrmFixture fx = new NeocrmFixture()) {
            jar().withLoadedConnector(dir, DestinationConnector.class, connector -> {
                assertThat(connector.validate(fx.config)).isEmpty();

                fx.remote.stubFor(NeocrmFixture.token().willReturn(stub("token.json")));
                fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
                try (DestinationTask task = connector.start(fx.context)) {
                    assertThat(task.deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                            .containsExactly(DeliveryResult.created("3461908724664363"));
                }
            });
        }
    }
}

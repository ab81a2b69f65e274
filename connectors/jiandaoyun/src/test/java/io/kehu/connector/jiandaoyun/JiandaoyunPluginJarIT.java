package io.kehu.connector.jiandaoyun;

import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.create;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.lead;
import static io.kehu.connector.jiandaoyun.JiandaoyunFixture.stub;
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
class JiandaoyunPluginJarIT {

    private static final String ID = "jiandaoyun";

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(JiandaoyunPluginJarIT.class, ID).bundlingUnrelocated("io.kehu.connector.kit");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        jar().assertDescriptorAndIndex(JiandaoyunConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        assertThat(jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper"))
                .contains("io/kehu/connector/kit/TokenCache.class");
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        try (JiandaoyunFixture fx = new JiandaoyunFixture()) {
            jar().withLoadedConnector(dir, DestinationConnector.class, connector -> {
                assertThat(connector.validate(fx.config)).isEmpty();

                fx.remote.stubFor(create().willReturn(stub("create-ok.json")));
                try (DestinationTask task = connector.start(fx.context)) {
                    assertThat(task.deliver(List.of(lead("kehu-p-1", null, "陈静"))))
                            .containsExactly(DeliveryResult.created("65a1f0c2e4b0a1b2c3d4e5f6"));
                }
            });
        }
    }
}

package io.kehu.connector.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.testing.PluginJars;
import io.kehu.api.testing.TestDestinationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class HubSpotPluginJarIT {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(HubSpotPluginJarIT.class, "hubspot").bundlingUnrelocated("io.kehu.connector.kit");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        jar().assertDescriptorAndIndex(HubSpotConnector.class);
    }

    @Test
    void bundlesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        assertThat(jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper"))
                .contains("io/kehu/connector/kit/TokenCache.class");
    }

    @Test
    void loadsInPf4jAndDeliversThroughTheShadedJackson() throws Exception {
        jar().withLoadedConnector(dir, DestinationConnector.class, connector -> {
            HubSpotStubs stubs = new HubSpotStubs(remote);
            remote.stubFor(post(urlEqualTo(HubSpotStubs.UPSERT)).willReturn(HubSpotStubs.json(200, "upsert-ok.json")));
            TestDestinationContext ctx = new TestDestinationContext("hs", stubs.config(Map.of()));
            assertThat(connector.validate(ctx.config())).isEmpty();
            try (DestinationTask task = connector.start(ctx)) {
                assertThat(task.deliver(List.of(HubSpotStubs.chen(null, null), HubSpotStubs.wang())))
                        .containsExactly(DeliveryResult.created("1001"), DeliveryResult.updated("1002"));
            }
        });
    }
}

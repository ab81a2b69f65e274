package io.kehu.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.patch;
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
class SalesforcePluginJarIT {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(SalesforcePluginJarIT.class, "salesforce").bundlingUnrelocated("io.kehu.connector.kit");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        jar().assertDescriptorAndIndex(SalesforceConnector.class);
    }

    @Test
    void bundlesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        assertThat(jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper"))
                .contains("io/kehu/connector/kit/TokenCache.class");
    }

    @Test
    void loadsInPf4jAndDeliversThroughTheShadedJackson() throws Exception {
        jar().withLoadedConnector(dir, DestinationConnector.class, connector -> {
            SalesforceStubs stubs = new SalesforceStubs(remote);
            stubs.tokenEndpoint();
            remote.stubFor(patch(urlEqualTo(SalesforceStubs.DATA + "/sobjects/Lead/Kehu_Id__c/kehu-p1"))
                    .willReturn(SalesforceStubs.json(201, "single-created.json")));
            TestDestinationContext ctx = new TestDestinationContext("sf", stubs.config(Map.of()));
            assertThat(connector.validate(ctx.config())).isEmpty();
            try (DestinationTask task = connector.start(ctx)) {
                assertThat(task.deliver(List.of(SalesforceStubs.lead("p1", null, null))))
                        .containsExactly(DeliveryResult.created("00Q5g00000LeAd1EAF"));
            }
        });
    }
}

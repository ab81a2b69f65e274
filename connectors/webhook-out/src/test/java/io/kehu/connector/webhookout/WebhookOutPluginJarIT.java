package io.kehu.connector.webhookout;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.Delivery;
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
class WebhookOutPluginJarIT {

    @RegisterExtension
    static WireMockExtension remote = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    // The plugin id has a dash, which a Java package cannot.
    private static PluginJars jar() throws Exception {
        return PluginJars.of(WebhookOutPluginJarIT.class, "webhook-out").inPackage("io.kehu.connector.webhookout")
                .bundlingUnrelocated("io.kehu.connector.kit");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        jar().assertDescriptorAndIndex(WebhookOutConnector.class);
    }

    @Test
    void carriesTheKitAndARelocatedJacksonAndLeavesTheHostsOut() throws Exception {
        assertThat(jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper"))
                .contains("io/kehu/connector/kit/JsonHttp.class");
    }

    @Test
    void loadsInPf4jAndDeliversALeadThroughTheShadedJackson() throws Exception {
        jar().withLoadedConnector(dir, DestinationConnector.class, connector -> {
            ConnectorConfig config = new ConnectorConfig(connector.descriptor().fields(),
                    Map.of("url", remote.baseUrl() + "/leads", "remoteIdPointer", "/id"));
            assertThat(connector.validate(config)).isEmpty();

            remote.stubFor(post(urlEqualTo("/leads")).willReturn(okJson("{\"id\":\"L-1\"}")));
            try (DestinationTask task = connector.start(new TestDestinationContext("hook", config))) {
                assertThat(task.deliver(List.of(new Delivery("kehu-p-1", "p-1", null, Map.of("name", "陈静"), null))))
                        .containsExactly(DeliveryResult.created("L-1"));
            }
        });
    }
}

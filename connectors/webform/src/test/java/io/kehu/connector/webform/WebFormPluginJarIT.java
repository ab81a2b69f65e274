package io.kehu.connector.webform;

import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.testing.PluginJars;
import io.kehu.api.testing.TestSourceContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class WebFormPluginJarIT {

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(WebFormPluginJarIT.class, "webform");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        assertThat(jar().assertDescriptorAndIndex(WebFormConnector.class).getValue("Plugin-Description"))
                .contains("Jinshuju").contains("Typeform");
    }

    @Test
    void shadesJacksonUnderItsOwnPackageAndLeavesTheHostsOut() throws Exception {
        jar().assertSelfContained("com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void loadsInPf4jAndAcceptsASubmissionThroughTheShadedJackson() throws Exception {
        jar().withLoadedConnector(dir, SourceConnector.class, connector -> {
            TestSourceContext ctx = new TestSourceContext("site", WebFormConfig.FIELDS,
                    Map.of("preset", "jinshuju", "secret", Forms.TOKEN));
            assertThat(connector.validate(ctx.config)).isEmpty();
            try (SourceTask task = connector.start(ctx)) {
                WebhookRequest request = Forms.post().token().json(Forms.resource("jinshuju-push.json")).build();
                WebhookResponse r = task.webhook().handle(request);
                assertThat(r.status()).isEqualTo(200);
                assertThat(ctx.only().lead().name()).isEqualTo("张三");
            }
        });
    }
}

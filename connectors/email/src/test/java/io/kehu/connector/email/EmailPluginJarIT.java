package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.testing.PluginJars;
import io.kehu.api.testing.TestSourceContext;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The jar that {@code package} built, checked as the hub will see it. */
class EmailPluginJarIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dir;

    private static PluginJars jar() throws Exception {
        return PluginJars.of(EmailPluginJarIT.class, "email");
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        assertThat(jar().assertDescriptorAndIndex(EmailConnector.class).getValue("Plugin-Description")).contains("IMAP");
    }

    @Test
    void shadesJsoupUnderItsOwnPackageAndLeavesCamelAndJakartaMailToTheHub() throws Exception {
        jar().assertSelfContained("org.jsoup.Jsoup");
    }

    @Test
    void loadsInPf4jAndReadsAMailboxThroughTheHubsCamel() throws Exception {
        greenMail.setUser("sales@example.com", "sales@example.com", "pw");
        byte[] raw = RawMail.mail()
                .header("From", RawMail.b("陈静", StandardCharsets.UTF_8) + " <chenjing@customer.cn>")
                .header("To", "sales@example.com")
                .header("Subject", "样品")
                .header("Message-ID", "<jar-1@customer.cn>")
                .header("Content-Type", "text/html; charset=UTF-8")
                .body("<div>请寄样品<br>谢谢</div><blockquote>旧邮件</blockquote>")
                .bytes();
        greenMail.getUserManager().getUser("sales@example.com")
                .deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));

        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            jar().withLoadedConnector(dir, SourceConnector.class, connector -> {
                TestSourceContext ctx = new TestSourceContext("mailbox", EmailConfig.FIELDS, Map.of("host", "127.0.0.1",
                        "port", greenMail.getImap().getPort(), "protocol", "imap", "username", "sales@example.com", "password", "pw",
                        "pollInterval", "200ms")).workDir(dir);
                ctx.routeTarget = routes -> {
                    try {
                        camel.addRoutes(routes);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                };
                try (SourceTask task = connector.start(ctx)) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions().size() == 1);
                    SourceRecord r = ctx.interactions().values().iterator().next();
                    assertThat(r.lead().name()).isEqualTo("陈静");
                    assertThat(r.interaction().summary()).isEqualTo("样品\n请寄样品\n谢谢");
                }
            });
        } finally {
            camel.stop();
        }
    }
}

package io.kehu.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kehu.api.HubApi;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceTask;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/** The jar that {@code package} built, checked as the hub will see it. */
class EmailPluginJarIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path dir;

    private static Path pluginJar() throws Exception {
        Path target = Path.of(EmailPluginJarIT.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("connector-email-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("run 'package' first: no plugin jar in target/"));
        }
    }

    @Test
    void carriesThePluginDescriptorAndTheExtensionIndex() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("email");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank().doesNotContain("${");
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=1.0.0 & <2.0.0");
            assertThat(manifest.getValue("Plugin-Description")).contains("IMAP");
            ZipEntry index = jar.getEntry("META-INF/extensions.idx");
            assertThat(index).isNotNull();
            assertThat(new String(jar.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8))
                    .contains(EmailConnector.class.getName());
        }
    }

    @Test
    void shadesJsoupUnderItsOwnPackageAndLeavesCamelAndJakartaMailToTheHub() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            List<String> classes = Collections.list(jar.entries()).stream()
                    .map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).allMatch(n -> n.startsWith("io/kehu/connector/email/"));
            assertThat(classes).contains("io/kehu/connector/email/shaded/org/jsoup/Jsoup.class");
        }
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

        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(pluginJar(), plugins.resolve("connector-email.jar"));
        PluginManager pm = new DefaultPluginManager(plugins);
        pm.setSystemVersion(HubApi.VERSION);
        pm.loadPlugins();
        pm.startPlugins();
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            PluginWrapper plugin = pm.getPlugin("email");
            assertThat(plugin.getPluginState().isStarted()).isTrue();
            List<SourceConnector> connectors = pm.getExtensions(SourceConnector.class, "email");
            assertThat(connectors).hasSize(1);
            SourceConnector connector = connectors.get(0);
            assertThat(connector.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader());

            TestSourceContext ctx = new TestSourceContext("mailbox", Map.of("host", "127.0.0.1", "port", greenMail.getImap().getPort(),
                    "protocol", "imap", "username", "sales@example.com", "password", "pw", "pollInterval", "200ms"), dir);
            ctx.routeTarget = routes -> {
                try {
                    camel.addRoutes(routes);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            try (SourceTask task = connector.start(ctx)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> ctx.interactions.size() == 1);
                SourceRecord r = ctx.interactions.values().iterator().next();
                assertThat(r.lead().name()).isEqualTo("陈静");
                assertThat(r.interaction().summary()).isEqualTo("样品\n请寄样品\n谢谢");
            }
        } finally {
            camel.stop();
            pm.stopPlugin("email");
            pm.unloadPlugins();
        }
    }
}

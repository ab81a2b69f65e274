package io.kehu.server.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars during a test: compiles a connector's source against the test class
 * path (hub-api, pf4j, camel) and packs it with a PF4J manifest, the way a third party would.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    /** A source connector of type {@code vault-test} with a secret {@code token} field. */
    static final String SECRET_CONNECTOR = """
            package test.vault;

            import io.kehu.api.spi.*;
            import java.util.List;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;

            @org.pf4j.Extension
            public class VaultConnector implements SourceConnector {
                private static final Logger log = LoggerFactory.getLogger(VaultConnector.class);

                public ConnectorDescriptor descriptor() {
                    return new ConnectorDescriptor("vault-test", "Vault test", "测试", "A connector with a secret",
                            ConnectorKind.SOURCE, List.of(
                                    ConfigField.required("url", FieldType.URL, "where"),
                                    ConfigField.secret("token", "the token")));
                }

                public CheckResult check(ConnectorConfig config) {
                    return CheckResult.failed("cannot reach " + config.string("url"));
                }

                public SourceTask start(SourceContext context) {
                    log.info("Starting vault connector with {}", context.config());
                    return () -> { };
                }
            }
            """;

    /**
     * A connector of type {@code hook-test}: its callback enqueues {@code name,phone} bodies as work
     * (deduplicated by the {@code X-Id} header) and dead-letters bodies starting with {@code bad};
     * its work fails while the file named by config {@code failWhile} exists.
     */
    static final String HOOK_CONNECTOR = """
            package test.hooks;

            import io.kehu.api.HubException;
            import io.kehu.api.domain.*;
            import io.kehu.api.spi.*;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.time.Instant;
            import java.util.*;

            @org.pf4j.Extension
            public class HookConnector implements SourceConnector {
                public ConnectorDescriptor descriptor() {
                    return new ConnectorDescriptor("hook-test", "Hook test", "回调测试", "Callbacks for tests",
                            ConnectorKind.SOURCE, List.of(ConfigField.optional("failWhile", FieldType.PATH, null, "fail while this file exists")));
                }

                public SourceTask start(SourceContext ctx) {
                    return new SourceTask() {
                        public WebhookHandler webhook() {
                            return req -> {
                                String body = new String(req.body(), StandardCharsets.UTF_8);
                                if (body.startsWith("bad")) {
                                    ctx.deadLetters().put(new DeadLetter(null, "webhook", "body is not name,phone",
                                            req.contentType(), req.body(), Map.of("path", req.path())));
                                    return WebhookResponse.problem(400, "Bad request", "body is not name,phone");
                                }
                                boolean fresh = ctx.work().enqueue(req.header("X-Id"), "lead", body);
                                return WebhookResponse.json(202, "{\\"duplicate\\":" + !fresh + "}");
                            };
                        }

                        public WorkHandler workHandler() {
                            return (id, type, payload) -> {
                                if (ctx.config().has("failWhile") && Files.exists(ctx.config().path("failWhile"))) {
                                    throw HubException.retryable("remote side down", null);
                                }
                                ingest(id, payload);
                            };
                        }

                        public void replay(DeadLetter letter) {
                            String body = new String(letter.payload(), StandardCharsets.UTF_8);
                            if (body.startsWith("bad")) {
                                throw HubException.invalidInput("still not name,phone");
                            }
                            ingest("replayed", body);
                        }

                        private void ingest(String id, String payload) {
                            String[] p = payload.split(",");
                            Lead lead = new Lead(p[0], null, null, null, List.of(Identifier.phone(p[1])), "hook", List.of(),
                                    null, null, Map.of(), null);
                            ctx.ingest().submit(List.of(new SourceRecord("hook:" + id, id, lead,
                                    new Interaction("hook:" + id, "form", "hook", Instant.parse("2026-11-01T00:00:00Z"), "hook", Map.of()))));
                        }

                        public void close() {
                        }
                    };
                }
            }
            """;

    /**
     * A destination of type {@code crm-test} in front of a WireMock CRM (stubs in {@code wiremock/test-crm}):
     * exchanges its secret {@code apiKey} for a session it caches in the encrypted state, upserts a
     * batch by external id (or by remote id when known) and maps each record's answer; 429 and 5xx
     * fail the whole call as retryable, with the {@code Retry-After} the CRM sent.
     */
    static final String CRM_DESTINATION = """
            package test.crm;

            import com.fasterxml.jackson.databind.JsonNode;
            import com.fasterxml.jackson.databind.ObjectMapper;
            import io.kehu.api.spi.*;
            import java.net.URI;
            import java.net.http.*;
            import java.time.Duration;
            import java.util.*;
            import org.slf4j.Logger;
            import org.slf4j.LoggerFactory;

            @org.pf4j.Extension
            public class CrmDestination implements DestinationConnector {
                private static final Logger log = LoggerFactory.getLogger(CrmDestination.class);
                private static final ObjectMapper JSON = new ObjectMapper();

                public ConnectorDescriptor descriptor() {
                    return new ConnectorDescriptor("crm-test", "CRM test", "测试 CRM", "A CRM behind WireMock",
                            ConnectorKind.DESTINATION, List.of(
                                    ConfigField.required("url", FieldType.URL, "base URL"),
                                    ConfigField.secret("apiKey", "exchanged for a session"),
                                    ConfigField.optional("batchSize", FieldType.INTEGER, "10", "records per call"),
                                    ConfigField.optional("calls", FieldType.INTEGER, "0", "calls per window; 0: no limit"),
                                    ConfigField.optional("per", FieldType.DURATION, "1s", "the window")));
                }

                public DestinationTask start(DestinationContext ctx) {
                    log.info("Starting CRM destination with {}", ctx.config());
                    HttpClient http = HttpClient.newHttpClient();
                    String base = ctx.config().string("url");
                    return new DestinationTask() {
                        public int maxBatchSize() {
                            return ctx.config().integer("batchSize");
                        }

                        public RateLimit rateLimit() {
                            int calls = ctx.config().integer("calls");
                            return calls == 0 ? RateLimit.UNLIMITED : RateLimit.of(calls, ctx.config().duration("per"));
                        }

                        public List<DeliveryResult> deliver(List<Delivery> batch) {
                            String session = ctx.secrets().get("session").orElseGet(() -> {
                                String s = call("/crm/session", ctx.config().string("apiKey"), Map.of()).path("session").asText();
                                ctx.secrets().put("session", s);
                                return s;
                            });
                            List<Map<String, Object>> records = new ArrayList<>();
                            for (Delivery d : batch) {
                                Map<String, Object> r = new LinkedHashMap<>();
                                r.put("externalId", d.idempotencyKey());
                                if (d.remoteId() != null) {
                                    r.put("id", d.remoteId());
                                }
                                r.put("owner", d.owner());
                                r.put("fields", d.fields());
                                records.add(r);
                            }
                            List<DeliveryResult> out = new ArrayList<>();
                            for (JsonNode r : call("/crm/leads/upsert", session, Map.of("records", records)).path("results")) {
                                JsonNode e = r.path("error");
                                if (e.isMissingNode()) {
                                    String id = r.path("id").asText();
                                    out.add(r.path("created").asBoolean() ? DeliveryResult.created(id) : DeliveryResult.updated(id));
                                } else if (e.path("retryable").asBoolean()) {
                                    out.add(DeliveryResult.retry(e.path("code").asText(), e.path("message").asText(), null));
                                } else {
                                    out.add(DeliveryResult.rejected(e.path("code").asText(), e.path("message").asText()));
                                }
                            }
                            return out;
                        }

                        private JsonNode call(String path, String bearer, Object body) {
                            try {
                                HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                                        .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                                HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                                int status = resp.statusCode();
                                if (status == 429 || status >= 500) {
                                    Duration after = resp.headers().firstValue("Retry-After")
                                            .map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(null);
                                    throw RemoteCallException.retryable("CRM answered HTTP " + status, status, null, after);
                                }
                                if (status >= 400) {
                                    throw RemoteCallException.permanent("CRM answered HTTP " + status, status, null);
                                }
                                return JSON.readTree(resp.body());
                            } catch (java.io.IOException e) {
                                throw RemoteCallException.retryable("CRM did not answer", 0, "NO_ANSWER", null);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw RemoteCallException.retryable("Interrupted", 0, "INTERRUPTED", null);
                            }
                        }

                        public void close() {
                        }
                    };
                }
            }
            """;

    static Path build(Path dir, String pluginId, String version, String requires, String className, String source)
            throws IOException {
        Path work = Files.createTempDirectory("plugin-src");
        Path src = work.resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(work.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-proc:none", "--release", "17",
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("Test plugin did not compile");
        }
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", pluginId);
        a.putValue("Plugin-Version", version);
        if (requires != null) {
            a.putValue("Plugin-Requires", requires);
        }
        a.putValue("Plugin-Provider", "tests");
        Path jar = dir.resolve(pluginId + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            OutputStream o = out;
            o.write((className + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /**
     * Copies the first-party plugin jars the build put into the repository's plugins folder: those of the
     * named connector modules ({@code spreadsheet} for {@code connector-spreadsheet-*.jar}), or all.
     */
    static void copyFirstParty(Path dir, String... modules) throws IOException {
        Path built = Path.of(System.getProperty("kehu.plugins.dir", "../../plugins"));
        List<String> prefixes = Stream.of(modules).map(m -> "connector-" + m + "-").toList();
        try (Stream<Path> jars = Files.list(built)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).filter(p -> prefixes.isEmpty()
                    || prefixes.stream().anyMatch(p.getFileName().toString()::startsWith)).toList()) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

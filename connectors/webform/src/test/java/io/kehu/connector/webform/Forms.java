package io.kehu.connector.webform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.testing.TestSourceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a started instance, requests as the hub builds them, answers read back. */
final class Forms {

    static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TOKEN = "s3cr3t-t0ken-0123456789";

    private Forms() {
    }

    /** A started instance with its context. */
    record Instance(TestSourceContext ctx, SourceTask task) {

        WebhookResponse post(WebhookRequest request) {
            return task.webhook().handle(request);
        }
    }

    static Instance start(String id, Map<String, ?> config) {
        TestSourceContext ctx = new TestSourceContext(id, WebFormConfig.FIELDS, config);
        assertThat(ctx.config.validate()).isEmpty();
        assertThat(new WebFormConnector(CLOCK).validate(ctx.config)).isEmpty();
        return new Instance(ctx, new WebFormConnector(CLOCK).start(ctx));
    }

    static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static final class Request {
        private String method = "POST";
        private String path = "";
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private String contentType;
        private byte[] body = new byte[0];
        private String remote = "203.0.113.7";

        Request method(String m) {
            method = m;
            return this;
        }

        Request path(String p) {
            path = p;
            return this;
        }

        Request query(String k, String v) {
            query.put(k, List.of(v));
            return this;
        }

        Request header(String k, String v) {
            headers.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v));
            return this;
        }

        Request json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String type, byte[] bytes) {
            contentType = type;
            if (type != null) {
                header("Content-Type", type);
            }
            body = bytes;
            return this;
        }

        Request from(String address) {
            remote = address;
            return this;
        }

        Request token() {
            return query("token", TOKEN);
        }

        WebhookRequest build() {
            return new WebhookRequest(method, path, query, headers, contentType, body, remote, NOW);
        }
    }

    static Request post() {
        return new Request();
    }

    static JsonNode json(WebhookResponse r) {
        return FormJson.parse(new String(r.body(), StandardCharsets.UTF_8), "answer");
    }

    static String resource(String name) {
        try (InputStream in = Forms.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test payload " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart body with CRLF line ends; a part is {name, value} or {name, filename, type, content}. */
    static byte[] multipart(String boundary, String[]... parts) {
        StringBuilder b = new StringBuilder();
        for (String[] p : parts) {
            b.append("--").append(boundary).append("\r\n");
            if (p.length == 2) {
                b.append("Content-Disposition: form-data; name=\"").append(p[0]).append("\"\r\n\r\n").append(p[1]).append("\r\n");
            } else {
                b.append("Content-Disposition: form-data; name=\"").append(p[0]).append("\"; filename=\"").append(p[1]).append("\"\r\n")
                        .append("Content-Type: ").append(p[2]).append("\r\n\r\n").append(p[3]).append("\r\n");
            }
        }
        b.append("--").append(boundary).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}

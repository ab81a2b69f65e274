package io.kehu.server.web;

import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.server.config.HubProperties;
import io.kehu.server.connectors.WebhookDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /hooks/{instanceId}/…}: callbacks and form posts, handed to the instance's connector with
 * the raw body (signatures are computed over it). No API key: each connector authenticates its
 * vendor (signature, secret token). Bodies over the limit are refused with 413 unread.
 */
@RestController
public class HookController {

    private final WebhookDispatcher dispatcher;
    private final long maxBodyBytes;

    public HookController(WebhookDispatcher dispatcher, HubProperties props) {
        this.dispatcher = dispatcher;
        this.maxBodyBytes = props.getWebhooks().getMaxBodyBytes();
    }

    @RequestMapping({"/hooks/{instanceId}", "/hooks/{instanceId}/**"})
    public ResponseEntity<byte[]> hook(@PathVariable String instanceId, HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return toEntity(tooLarge());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE, maxBodyBytes + 1));
        }
        if (body.length > maxBodyBytes) {
            return toEntity(tooLarge());
        }
        String prefix = request.getContextPath() + "/hooks/" + instanceId;
        String path = request.getRequestURI().length() > prefix.length() ? request.getRequestURI().substring(prefix.length()) : "";
        Map<String, List<String>> query = new LinkedHashMap<>();
        // getParameterMap would consume a form body; the query string is parsed on its own.
        String qs = request.getQueryString();
        if (qs != null) {
            for (String pair : qs.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        WebhookRequest r = new WebhookRequest(request.getMethod(), path, query, headers, request.getContentType(), body,
                request.getRemoteAddr(), Instant.now());
        return toEntity(dispatcher.dispatch(instanceId, r));
    }

    private WebhookResponse tooLarge() {
        return WebhookResponse.problem(413, "Payload too large", "Bodies are limited to " + maxBodyBytes + " bytes");
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static ResponseEntity<byte[]> toEntity(WebhookResponse r) {
        HttpHeaders h = new HttpHeaders();
        r.headers().forEach(h::add);
        if (r.contentType() != null) {
            h.set(HttpHeaders.CONTENT_TYPE, r.contentType());
        }
        return ResponseEntity.status(r.status()).headers(h).body(r.body());
    }
}

package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.WebhookRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Any form post: a website's contact form, a low-code tool's webhook. Authenticated by the shared
 * token; every leaf of the body is a field labelled by its name, to be mapped or auto-detected.
 * A client may name its submission with an {@code Idempotency-Key} header or an {@code id} mapping.
 */
final class GenericPreset implements FormPreset {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final int MAX_DEPTH = 8;
    private static final int MAX_FIELDS = 500;

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public String vendorName() {
        return "web form";
    }

    @Override
    public String authenticate(WebhookRequest request, WebFormConfig config, Clock clock) {
        return WebFormAuth.checkToken(request, config);
    }

    @Override
    public Submission extract(JsonNode body, WebhookRequest request) {
        if (!body.isObject()) {
            throw new BadBodyException("Expected a JSON object or form fields, got a JSON " + body.getNodeType().name().toLowerCase());
        }
        List<FormField> fields = new ArrayList<>();
        flatten("", body, 0, fields);
        String id = request.header(IDEMPOTENCY_HEADER);
        return new Submission(fields, id == null || id.isBlank() ? null : id.strip(), null, null, null, null);
    }

    /** Leaves of the body as fields; widget-like objects (a name, a phone, an address, a file) stay whole. */
    static void flatten(String prefix, JsonNode node, int depth, List<FormField> out) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (out.size() >= MAX_FIELDS) {
                return;
            }
            if (prefix.isEmpty() && e.getKey().equals("_charset_")) {
                continue;
            }
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && !isWidget(v) && depth < MAX_DEPTH) {
                flatten(path, v, depth + 1, out);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject() && !isWidget(v.get(0)) && depth < MAX_DEPTH) {
                for (int i = 0; i < v.size(); i++) {
                    if (v.get(i).isObject()) {
                        flatten(path + "[" + i + "]", v.get(i), depth + 1, out);
                    }
                }
            } else if (!v.isNull()) {
                out.add(new FormField(path, List.of(e.getKey()), hintOf(v), v));
            }
        }
    }

    static boolean isWidget(JsonNode o) {
        return FormJson.isName(o) || FormJson.isAddress(o) || FormJson.isPhoneWidget(o) || FormJson.isFile(o)
                || o.has("value") && o.size() <= 2;
    }

    /** What a value's shape says it is: a name object, a phone widget, an address. */
    static FormField.Hint hintOf(JsonNode v) {
        if (!v.isObject()) {
            return null;
        }
        if (FormJson.isName(v)) {
            return FormField.Hint.NAME;
        }
        if (FormJson.isPhoneWidget(v)) {
            return FormField.Hint.PHONE;
        }
        return FormJson.isAddress(v) ? FormField.Hint.REGION : null;
    }
}

package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kehu.api.spi.WebhookRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jotform webhooks: a {@code multipart/form-data} POST with {@code formID}, {@code formTitle},
 * {@code submissionID}, {@code pretty} and {@code rawRequest}, the answers as a JSON string keyed
 * {@code q<N>_<name>}: {@code "q3_name":{"first","last"}}, {@code "q4_email":"…"},
 * {@code "q5_phoneNumber":{"full":"…"}} or {@code {"area","phone"}}. Jotform signs nothing (a
 * community description, shared/api-shapes.md; the fixtures of Zulip's Jotform integration show
 * the same fields), so the shared token authenticates it.
 *
 * <p>rawRequest is parsed and put back in place of its text, so mappings can say
 * {@code rawRequest.q4_email}. Dedup key: submissionID.
 */
final class JotformPreset implements FormPreset {

    private static final Pattern QUESTION = Pattern.compile("q(\\d+)_(.+)");

    @Override
    public String name() {
        return "jotform";
    }

    @Override
    public String vendorName() {
        return "Jotform";
    }

    @Override
    public String authenticate(WebhookRequest request, WebFormConfig config, Clock clock) {
        return WebFormAuth.checkToken(request, config);
    }

    @Override
    public Submission extract(JsonNode body, WebhookRequest request) {
        if (!(body instanceof ObjectNode root) || !body.has("rawRequest")) {
            throw new BadBodyException("Not a Jotform webhook: there is no 'rawRequest' field");
        }
        JsonNode raw = root.get("rawRequest");
        if (raw.isTextual()) {
            raw = FormJson.parse(raw.asText(), "The rawRequest field");
            root.set("rawRequest", raw);
        }
        if (!raw.isObject()) {
            throw new BadBodyException("Jotform's rawRequest is not a JSON object");
        }
        List<FormField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            Matcher m = QUESTION.matcher(e.getKey());
            JsonNode v = e.getValue();
            // Only q<N>_ keys are answers; the rest is Jotform's bookkeeping (slug, temp_upload, …).
            if (!m.matches() || v.isNull()) {
                continue;
            }
            fields.add(new FormField("rawRequest." + e.getKey(), List.of(m.group(2)), GenericPreset.hintOf(v), v));
        }
        return new Submission(fields, FormJson.text(body.get("submissionID")), null,
                FormJson.text(body.get("formID")), FormJson.text(body.get("formTitle")), null);
    }
}

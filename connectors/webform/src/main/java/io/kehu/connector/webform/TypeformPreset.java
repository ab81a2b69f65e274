package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.WebhookRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Typeform webhooks. Signature (Typeform's "Secure your webhooks" guide, and shared/api-shapes.md's
 * check vector): {@code Typeform-Signature: sha256=} + base64(HMAC-SHA256(secret, raw body)). No
 * timestamp is signed, so there is no tolerance to check; a replayed delivery carries the same
 * event_id and rewrites the same record.
 *
 * <p>Payload: {@code {"event_id","event_type":"form_response","form_response":{"form_id","token",
 * "submitted_at","hidden":{…},"definition":{"title","fields":[{"id","title","type","ref"}]},
 * "answers":[{"type":"email","email":"…","field":{"id","type","ref"}}]}}}: each answer holds its
 * value under the key named by its type (text, email, phone_number, number, boolean, date, url,
 * file_url, choice.label, choices.labels).
 */
final class TypeformPreset implements FormPreset {

    static final String SIGNATURE_HEADER = "Typeform-Signature";

    @Override
    public String name() {
        return "typeform";
    }

    @Override
    public String vendorName() {
        return "Typeform";
    }

    @Override
    public String authenticate(WebhookRequest request, WebFormConfig config, Clock clock) {
        String given = request.header(SIGNATURE_HEADER);
        if (given == null || given.isBlank()) {
            return "Missing " + SIGNATURE_HEADER + " header";
        }
        String expected = "sha256=" + WebFormAuth.base64HmacSha256(config.secret(), request.body());
        return WebFormAuth.same(given.strip(), expected) ? null : "Wrong " + SIGNATURE_HEADER;
    }

    @Override
    public Submission extract(JsonNode body, WebhookRequest request) {
        if (!body.isObject()) {
            throw new BadBodyException("Not a Typeform webhook: the body is not a JSON object");
        }
        String type = body.path("event_type").asText("");
        if (!type.equals("form_response")) {
            return Submission.ignored("Typeform event '" + type + "' carries no form response");
        }
        JsonNode response = body.path("form_response");
        if (!response.isObject()) {
            throw new BadBodyException("Not a Typeform form_response: there is no 'form_response' object");
        }
        Map<String, String> titles = new HashMap<>();
        for (JsonNode f : response.path("definition").path("fields")) {
            titles.put(f.path("id").asText(), f.path("title").asText(null));
        }
        List<FormField> fields = new ArrayList<>();
        for (JsonNode answer : response.path("answers")) {
            String answerType = answer.path("type").asText();
            JsonNode field = answer.path("field");
            String id = field.path("id").asText();
            JsonNode value = switch (answerType) {
                case "choice" -> answer.path("choice").has("label") ? answer.path("choice").get("label") : answer.path("choice").path("other");
                case "choices" -> answer.path("choices").has("labels") ? answer.path("choices").get("labels") : answer.path("choices");
                default -> answer.path(answerType);
            };
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            FormField.Hint hint = switch (answerType) {
                case "email" -> FormField.Hint.EMAIL;
                case "phone_number" -> FormField.Hint.PHONE;
                default -> null;
            };
            List<String> labels = new ArrayList<>();
            labels.add(titles.get(id));
            labels.add(field.path("ref").asText(null));
            fields.add(new FormField("form_response.answers[field.id=" + id + "]." + answerType, labels, hint, value));
        }
        // Hidden fields come from the form's URL (utm_source, a lead id); their names are their labels.
        for (Map.Entry<String, JsonNode> h : response.path("hidden").properties()) {
            fields.add(new FormField("form_response.hidden." + h.getKey(), List.of(h.getKey()), null, h.getValue()));
        }
        String eventId = body.path("event_id").asText(null);
        String deliveryId = eventId != null && !eventId.isBlank() ? eventId : response.path("token").asText(null);
        return new Submission(fields, deliveryId, JinshujuPreset.instant(response.get("submitted_at")),
                FormJson.text(response.get("form_id")), FormJson.text(response.path("definition").get("title")), null);
    }
}

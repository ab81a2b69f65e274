package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 金数据 (Jinshuju) data push, set per form as "数据推送" (the form's {@code entry_post_url}):
 * {@code {"form":"a1B2c3","form_name":"…","entry":{"serial_number":28,"field_1":"张三",
 * "field_2":"13000000000","x_field_1":"","creator_name":"…","created_at":"2020-08-28T08:00:00.000Z",…}}}
 * with UTC times (shape from shared/api-shapes.md, gathered from 金数据's help pages and SDKs).
 *
 * <p>金数据 documents no signature for the push, so it is authenticated by the instance's shared
 * token, ideally together with the {@code allowedSources} allowlist. The push carries field ids
 * ({@code field_1}), not the questions' labels: fields are found by a mapping, or by the shape of
 * their values. Dedup key: form + serial_number (the same entry pushed again, e.g. after an edit,
 * rewrites the same record).
 */
final class JinshujuPreset implements FormPreset {

    /** Entry keys that describe the submission, not the person (金数据's system fields). */
    private static final Set<String> META = Set.of("serial_number", "creator_name", "created_at", "updated_at",
            "color_mark", "total_price", "preferential_price", "trade_no", "trade_status", "payment_status",
            "gen_code", "referral_users_count", "referred_from", "referred_from_associated_serial_number");
    private static final Pattern FIELD_ID = Pattern.compile("field_\\d+");

    @Override
    public String name() {
        return "jinshuju";
    }

    @Override
    public String vendorName() {
        return "金数据";
    }

    @Override
    public String authenticate(WebhookRequest request, WebFormConfig config, Clock clock) {
        return WebFormAuth.checkToken(request, config);
    }

    @Override
    public Submission extract(JsonNode body, WebhookRequest request) {
        JsonNode entry = body.path("entry");
        if (!body.isObject() || !entry.isObject()) {
            throw new BadBodyException("Not a 金数据 push: there is no 'entry' object");
        }
        List<FormField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : entry.properties()) {
            String key = e.getKey();
            if (META.contains(key) || key.startsWith("info_") || e.getValue().isNull()) {
                continue;
            }
            // field_N carries no meaning; other keys (x_field_1, aliases) are their own label.
            List<String> labels = FIELD_ID.matcher(key).matches() ? List.of() : List.of(key);
            fields.add(new FormField("entry." + key, labels, GenericPreset.hintOf(e.getValue()), e.getValue()));
        }
        String form = FormJson.text(body.get("form"));
        String serial = FormJson.text(entry.get("serial_number"));
        String id = form != null && serial != null ? form + ":" + serial : null;
        return new Submission(fields, id, instant(entry.get("created_at")), form, FormJson.text(body.get("form_name")), null);
    }

    static Instant instant(JsonNode node) {
        String t = FormJson.text(node);
        if (t == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}

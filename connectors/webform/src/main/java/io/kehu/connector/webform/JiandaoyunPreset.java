package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 简道云 (Jiandaoyun) data push ("数据推送"): {@code POST <url>?timestamp=1498586609&nonce=0f5ade},
 * JSON body {@code {"op":"data_create","opTime":…,"data":{"_id","appId","entryId","formName",
 * "createTime","updateTime","_widget_…" or alias: value}}}, headers {@code X-JDY-Signature} and
 * {@code X-JDY-DeliverId}.
 *
 * <p>Signature, from 简道云's developer guide (hc.jiandaoyun.com/open/11507, "签名验证", and its
 * official demo projects gitee.com/jiandaoyun/webhook-demo-*): the request body as the payload,
 * {@code content = nonce + ":" + payload + ":" + secret + ":" + timestamp} (nonce and timestamp from
 * the query string), {@code X-JDY-Signature = hex(sha1(utf8(content)))}. The guide's own sample
 * shows the two header values swapped; its text, its Python sample and the demos agree on this.
 *
 * <p>{@code X-JDY-DeliverId} is unique per push event and repeats when the same event is retried
 * (the guide: use it to deduplicate); it is the record key. Events (hc.jiandaoyun.com/open/10732):
 * data_create, data_update, data_recover are ingested; data_remove and other pushes (message
 * pushes such as flow_message) are acknowledged and ignored. Batch imports trigger no push.
 */
final class JiandaoyunPreset implements FormPreset {

    static final String SIGNATURE_HEADER = "X-JDY-Signature";
    static final String DELIVERY_HEADER = "X-JDY-DeliverId";
    private static final Set<String> INGESTED = Set.of("data_create", "data_update", "data_recover");
    /** System fields of a data push: who and when in 简道云, not answers. */
    private static final Set<String> SYSTEM = Set.of("_id", "appId", "entryId", "formName", "creator", "updater", "deleter",
            "createTime", "updateTime", "deleteTime", "flowState", "chargers", "wfState");
    private static final Pattern WIDGET_ID = Pattern.compile("_widget_\\d+");

    @Override
    public String name() {
        return "jiandaoyun";
    }

    @Override
    public String vendorName() {
        return "简道云";
    }

    @Override
    public String authenticate(WebhookRequest request, WebFormConfig config, Clock clock) {
        String given = request.header(SIGNATURE_HEADER);
        String nonce = request.queryParam("nonce");
        String timestamp = request.queryParam("timestamp");
        if (given == null || given.isBlank()) {
            return "Missing " + SIGNATURE_HEADER + " header";
        }
        if (nonce == null || timestamp == null) {
            return "Missing nonce or timestamp in the query string";
        }
        byte[] colon = {':'};
        String expected = WebFormAuth.sha1Hex(nonce.getBytes(StandardCharsets.UTF_8), colon, request.body(), colon,
                config.secret(), colon, timestamp.getBytes(StandardCharsets.UTF_8));
        if (!WebFormAuth.same(given.strip().toLowerCase(Locale.ROOT), expected)) {
            return "Wrong " + SIGNATURE_HEADER;
        }
        Duration tolerance = config.signatureTolerance();
        if (tolerance != null) {
            try {
                Instant signed = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
                if (Duration.between(signed, clock.instant()).abs().compareTo(tolerance) > 0) {
                    return "The signed timestamp is further than " + tolerance + " from the hub's clock";
                }
            } catch (NumberFormatException e) {
                return "The timestamp is not a number of seconds";
            }
        }
        return null;
    }

    @Override
    public Submission extract(JsonNode body, WebhookRequest request) {
        JsonNode data = body.path("data");
        if (!body.isObject() || !body.has("op")) {
            throw new BadBodyException("Not a 简道云 push: there is no 'op'");
        }
        String op = body.path("op").asText();
        if (!INGESTED.contains(op)) {
            return Submission.ignored("简道云 event '" + op + "' carries no submission");
        }
        if (!data.isObject()) {
            throw new BadBodyException("Not a 简道云 data push: there is no 'data' object");
        }
        List<FormField> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            String key = e.getKey();
            if (SYSTEM.contains(key) || e.getValue().isNull()) {
                continue;
            }
            // A field without an alias is named _widget_<id>, which says nothing; an alias is a label.
            List<String> labels = WIDGET_ID.matcher(key).matches() ? List.of() : List.of(key);
            fields.add(new FormField("data." + key, labels, GenericPreset.hintOf(e.getValue()), e.getValue()));
        }
        String deliverId = request.header(DELIVERY_HEADER);
        Instant when = JinshujuPreset.instant(data.get(op.equals("data_create") ? "createTime" : "updateTime"));
        return new Submission(fields, deliverId == null || deliverId.isBlank() ? null : deliverId.strip(),
                when, FormJson.text(data.get("entryId")), FormJson.text(data.get("formName")), null);
    }
}

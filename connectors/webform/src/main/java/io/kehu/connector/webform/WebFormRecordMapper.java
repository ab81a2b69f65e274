package io.kehu.connector.webform;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one mapped submission into a {@link SourceRecord}: the lead, and a {@code form}
 * interaction on the {@code webform} channel. Record key and interaction id are both
 * {@code form:<instance>:<delivery id>}, so a vendor's retry (same 简道云 X-JDY-DeliverId, Typeform
 * event_id, Jotform submissionID, 金数据 form + serial number) rewrites the same record. Identifier
 * values pass through raw: the hub normalizes them and refuses invalid ones.
 */
final class WebFormRecordMapper {

    static final String INTERACTION_TYPE = "form";
    static final String CHANNEL = "webform";
    private static final int MAX_DETAIL_FIELDS = 60;
    private static final int MAX_VALUE = 500;
    private static final int MAX_SUMMARY = 300;

    private final String instanceId;
    private final FormPreset preset;
    private final String defaultSource;

    /** @param configuredSource the instance's source label, or null for the vendor's name */
    WebFormRecordMapper(String instanceId, FormPreset preset, String configuredSource) {
        this.instanceId = instanceId;
        this.preset = preset;
        this.defaultSource = configuredSource != null ? configuredSource : preset.vendorName();
    }

    /** The key of a submission: what makes a retried push change nothing. */
    String key(String deliveryId) {
        return "form:" + instanceId + ":" + deliveryId;
    }

    /**
     * @param deliveryId the submission's id (the vendor's, a mapped {@code id}, or a hash of the body)
     * @param receivedAt when the hub received it; the submission time when the vendor sends none
     */
    SourceRecord map(Submission s, FieldMapping.Result mapped, String deliveryId, Instant receivedAt) {
        FormValues v = mapped.values();
        Instant when = s.submittedAt() != null ? s.submittedAt() : receivedAt;
        List<Identifier> ids = new ArrayList<>();
        v.phones.forEach(p -> ids.add(Identifier.phone(p)));
        v.emails.forEach(e -> ids.add(Identifier.email(e)));
        Lead lead = new Lead(v.fullName(), v.company, v.title, v.region, ids, v.source != null ? v.source : defaultSource,
                List.copyOf(v.tags), v.notesText(), v.owner, v.attributes, when);

        String formLabel = s.formName() != null ? s.formName() : s.formId() != null ? s.formId() : preset.vendorName();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("preset", preset.name());
        put(details, "formId", s.formId());
        put(details, "formName", s.formName());
        details.put("deliveryId", deliveryId);
        StringBuilder summary = new StringBuilder(formLabel);
        String sep = ": ";
        int n = 0;
        for (FormField f : s.fields()) {
            String value = String.join("; ", f.values());
            if (value.isBlank() || n++ >= MAX_DETAIL_FIELDS) {
                continue;
            }
            String label = f.displayLabel();
            details.putIfAbsent("field:" + label, clip(value, MAX_VALUE));
            if (summary.length() < MAX_SUMMARY) {
                summary.append(sep).append(label).append(": ").append(value);
                sep = "; ";
            }
        }
        String key = key(deliveryId);
        Interaction interaction = new Interaction(key, INTERACTION_TYPE, CHANNEL, when, clip(summary.toString(), MAX_SUMMARY), details);
        return new SourceRecord(key, "submission " + deliveryId, lead, interaction);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) {
            m.put(k, v);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package io.kehu.bench;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.search.IndexNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;

/**
 * The documents the hub writes for a row of a new person, built straight from the row: a profile with the hub's
 * fields (its lifecycle block too, shaped and sized as the default model's), the row's interaction, and an
 * identifier claim. No normalization beyond trimming and lower-casing, no look-ups, no
 * scoring rules: the values stand in for what the hub computes, so that Elasticsearch gets documents of the
 * same fields and size, and about as many, as from a hub import.
 */
final class HubShapedDocuments {

    private static final List<String> DECISION_MAKERS = List.of("总监", "经理", "总经理", "采购", "VP", "Director", "CTO",
            "CEO", "Head", "Manager");

    private final IndexNames names;
    private final String connectorId;
    private final String fileName;
    private final String fileKey;

    /** @param fileKey stands in for the hub's content hash of the file, which makes interaction ids stable */
    HubShapedDocuments(IndexNames names, String connectorId, String fileName, String fileKey) {
        this.names = names;
        this.connectorId = connectorId;
        this.fileName = fileName;
        this.fileKey = fileKey;
    }

    List<BulkOperation> of(CSVRecord r, long row, String now) {
        String profileId = "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        String recordKey = fileKey + ":" + row;
        String interactionId = "sheet:" + recordKey;
        String name = r.get("姓名").strip();
        String phone = r.get("手机").strip();
        String email = r.get("邮箱").strip().toLowerCase(Locale.ROOT);
        String company = r.get("公司").strip();
        String title = r.get("职位").strip();
        List<String> identifiers = new ArrayList<>();
        if (!phone.isEmpty()) {
            identifiers.add("phone:" + phone);
        }
        if (!email.isEmpty()) {
            identifiers.add("email:" + email);
        }

        List<BulkOperation> ops = new ArrayList<>(3);
        Map<String, Object> profile = profile(profileId, name, phone, email, company, title, identifiers, r, now, interactionId);
        ops.add(BulkOperation.of(b -> b.index(i -> i.index(names.profiles()).id(profileId).document(profile))));
        Map<String, Object> interaction = interaction(interactionId, profileId, recordKey, row, now);
        ops.add(BulkOperation.of(b -> b.index(i -> i.index(names.interactions()).id(interactionId).document(interaction))));
        // One claim per row, for its first identifier: the hub claims only identifiers nobody holds yet, which comes
        // to about 1.03 claims per row of this file, though rows carry 1.4 identifiers on average.
        if (!identifiers.isEmpty()) {
            String key = identifiers.get(0);
            Map<String, Object> claim = new LinkedHashMap<>();
            claim.put("key", key);
            claim.put("type", key.substring(0, key.indexOf(':')));
            claim.put("profileId", profileId);
            claim.put("connectorId", connectorId);
            claim.put("recordKey", recordKey);
            claim.put("claimedAt", now);
            // Two rows of one person may share the key: index, not create, so the later row just wins.
            ops.add(BulkOperation.of(b -> b.index(i -> i.index(names.identifiers()).id(key).document(claim))));
        }
        return ops;
    }

    private Map<String, Object> profile(String id, String name, String phone, String email, String company, String title,
                                        List<String> identifiers, CSVRecord r, String now, String interactionId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("name", name);
        p.put("names", List.of(name));
        p.put("company", company);
        p.put("companies", company.isEmpty() ? List.of() : List.of(company));
        p.put("title", title);
        p.put("phones", phone.isEmpty() ? List.of() : List.of(phone));
        p.put("emails", email.isEmpty() ? List.of() : List.of(email));
        p.put("identifiers", identifiers);
        p.put("sources", r.get("来源").isBlank() ? List.of() : List.of(r.get("来源").strip()));
        p.put("tags", r.get("标签").isBlank() ? List.of() : Arrays.asList(r.get("标签").split("、")));
        p.put("attributes", Map.of());
        p.put("mergedFrom", List.of());
        p.put("createdAt", now);
        p.put("updatedAt", now);
        p.put("lastInteractionAt", now);
        p.put("lifecycle", lifecycle(name, phone, email, company, title, now, interactionId));
        return p;
    }

    private static Map<String, Object> lifecycle(String name, String phone, String email, String company, String title,
                                                 String now, String interactionId) {
        List<Map<String, Object>> reasons = new ArrayList<>();
        int fit = reason(reasons, !company.isEmpty(), "fit.company", "hasCompany", 10, "company present")
                + reason(reasons, !title.isEmpty(), "fit.role", "hasTitle", 10, "title present")
                + reason(reasons, DECISION_MAKERS.stream().anyMatch(title::contains), "fit.role", "decisionMaker", 15,
                        "title contains one of " + DECISION_MAKERS)
                + reason(reasons, !name.isEmpty(), "fit.contact", "hasName", 5, "name present")
                + reason(reasons, !phone.isEmpty(), "fit.contact", "hasPhone", 10, "phone present")
                + reason(reasons, !email.isEmpty(), "fit.contact", "hasEmail", 10, "email present");
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("basis", "h30.0-s63427a59");
        signals.put("ref", now);
        signals.put("engagement", Map.of("import@spreadsheet", Map.of("count", 1, "decayed", 1.0, "last", now)));
        signals.put("interactions", 1);
        signals.put("touches", 0);
        signals.put("purchases", 0);
        signals.put("lastActivity", now);
        signals.put("recentIds", List.of(interactionId));
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("stage", "lead");
        l.put("stageSince", now);
        l.put("manual", false);
        l.put("purchases", 0);
        l.put("fit", fit);
        l.put("engagement", 0);
        l.put("combined", fit * 2 / 5);
        l.put("tier", "C");
        l.put("rulesVersion", 1);
        l.put("scoredAt", now);
        l.put("reasons", reasons);
        l.put("signals", signals);
        return l;
    }

    private static int reason(List<Map<String, Object>> reasons, boolean applies, String group, String rule, int points,
                              String detail) {
        if (!applies) {
            return 0;
        }
        reasons.add(Map.of("group", group, "rule", rule, "points", (double) points, "detail", detail));
        return points;
    }

    private Map<String, Object> interaction(String id, String profileId, String recordKey, long row, String now) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("id", id);
        i.put("profileId", profileId);
        i.put("type", "import");
        i.put("channel", "spreadsheet");
        i.put("connectorId", connectorId);
        i.put("recordKey", recordKey);
        i.put("occurredAt", now);
        i.put("ingestedAt", now);
        i.put("summary", "导入 " + fileName + " 第 " + row + " 行 / imported from " + fileName + " row " + row);
        i.put("details", Map.of("file", fileName, "row", Long.toString(row)));
        return i;
    }
}

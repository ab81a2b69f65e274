package io.kehu.connector.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps WeCom external contacts to hub records: one record per (customer, follow user), the
 * follow user being the owner. The customer is keyed by {@code corpId/external_userid}, plus the
 * unionid when WeCom gives one and the phones a member noted (remark_mobiles). The member's
 * remark and description become one timeline entry per follow user, with a stable id, so a
 * changed remark replaces the entry rather than adding one.
 */
final class WeComRecordMapper {

    static final String CHANNEL = "wecom";
    static final String SOURCE = "wecom";

    private final String corpId;

    WeComRecordMapper(String corpId) {
        this.corpId = corpId;
    }

    /** An element of batch/get_by_user's external_contact_list; its follow_info has tag ids only. */
    SourceRecord fromBatchEntry(JsonNode entry, Map<String, String> corpTags, String position) {
        JsonNode follow = entry.path("follow_info");
        List<String> tags = new ArrayList<>();
        for (String id : Json.texts(follow, "tag_id")) {
            String name = corpTags.get(id);
            if (name != null && !tags.contains(name)) {
                tags.add(name);
            }
        }
        return follow(entry.path("external_contact"), follow, tags, position);
    }

    /** externalcontact/get's external_contact with one element of its follow_user array (tags with names). */
    SourceRecord fromDetail(JsonNode contact, JsonNode followUser, String position) {
        List<String> tags = new ArrayList<>();
        for (JsonNode t : followUser.path("tags")) {
            String name = Json.text(t, "tag_name");
            if (name != null && !tags.contains(name)) {
                tags.add(name);
            }
        }
        return follow(contact, followUser, tags, position);
    }

    /** Whether a batch entry carries tag ids, which need the corp's tag list to become names. */
    static boolean hasTagIds(JsonNode entry) {
        return !Json.texts(entry.path("follow_info"), "tag_id").isEmpty();
    }

    private SourceRecord follow(JsonNode contact, JsonNode follow, List<String> tags, String position) {
        String extId = Json.text(contact, "external_userid");
        if (extId == null) {
            throw new IllegalArgumentException("an external contact without external_userid");
        }
        String owner = Json.text(follow, "userid");
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, corpId + "/" + extId));
        String unionId = Json.text(contact, "unionid");
        if (unionId != null) {
            ids.add(Identifier.unionId(unionId));
        }
        for (String phone : Json.texts(follow, "remark_mobiles")) {
            ids.add(Identifier.phone(phone));
        }
        String company = firstOf(Json.text(contact, "corp_full_name"), Json.text(contact, "corp_name"),
                Json.text(follow, "remark_corp_name"));
        Map<String, String> attributes = new LinkedHashMap<>();
        String type = Json.text(contact, "type");
        if ("1".equals(type) || "2".equals(type)) {
            attributes.put("wecom.customerType", "1".equals(type) ? "wechat" : "wecom");
        }
        Lead lead = new Lead(Json.text(contact, "name"), company, Json.text(contact, "position"), null, ids, SOURCE,
                tags, null, owner, attributes, null);

        String remark = Json.text(follow, "remark");
        String description = Json.text(follow, "description");
        StringBuilder summary = new StringBuilder("WeCom customer of ").append(owner == null ? "?" : owner);
        if (remark != null) {
            summary.append(" · remark: ").append(remark);
        }
        if (description != null) {
            summary.append(" · ").append(description);
        }
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "followUser", owner);
        put(details, "remark", remark);
        put(details, "description", description);
        put(details, "remarkCorpName", Json.text(follow, "remark_corp_name"));
        put(details, "addWay", Json.text(follow, "add_way"));
        put(details, "operUserId", Json.text(follow, "oper_userid"));
        put(details, "state", Json.text(follow, "state"));
        long created = follow.path("createtime").asLong(0);
        Interaction in = new Interaction(CHANNEL + ":" + corpId + "/" + extId + ":follow:" + owner, "contact", CHANNEL,
                created > 0 ? Instant.ofEpochSecond(created) : null, summary.toString(), details);
        return withDigestKey(CHANNEL + ":" + corpId + "/" + extId + "/" + owner, position, lead, in);
    }

    /** The staff member removed the customer (del_external_contact), or the customer removed them (del_follow_user). */
    SourceRecord removed(String extId, String userId, String changeType, Instant at, String eventSource) {
        Lead lead = new Lead(null, null, null, null,
                List.of(new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, corpId + "/" + extId)), SOURCE,
                null, null, null, null, at);
        String who = userId == null ? "a member" : userId;
        String summary = "del_follow_user".equals(changeType)
                ? "The customer removed " + who + " from their contacts"
                : who + " removed the customer from their WeCom contacts";
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "changeType", changeType);
        put(details, "followUser", userId);
        put(details, "source", eventSource);
        String id = CHANNEL + ":" + corpId + "/" + extId + ":removed:" + userId + ":" + (at == null ? "" : at.getEpochSecond());
        return new SourceRecord(id, "callback " + changeType, lead,
                new Interaction(id, "removed", CHANNEL, at, summary, details));
    }

    /** A message sent by an external contact (FromUserName is their external_userid). */
    SourceRecord message(Map<String, String> msg) {
        String extId = WeChatXml.field(msg, "FromUserName");
        Instant at = WeChatMessages.createTime(msg);
        Lead lead = new Lead(null, null, null, null,
                List.of(new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, corpId + "/" + extId)), SOURCE,
                null, null, null, null, at);
        String id = CHANNEL + ":" + corpId + ":" + WeChatMessages.dedupeId(msg);
        return new SourceRecord(id, "callback message", lead,
                new Interaction(id, "message", CHANNEL, at, WeChatMessages.summary(msg), WeChatMessages.details(msg)));
    }

    /**
     * A record keyed by what it is plus a digest of its content: the same content gives the same
     * key (a replay changes nothing), changed content a new one. The digest also tells the puller
     * whether a customer changed since the last run.
     */
    static SourceRecord withDigestKey(String base, String position, Lead lead, Interaction in) {
        return new SourceRecord(base + "@" + digest(lead, in), position, lead, in);
    }

    static String digest(Lead lead, Interaction in) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", lead.name());
        c.put("company", lead.company());
        c.put("title", lead.title());
        c.put("ids", lead.identifiers().stream().map(Identifier::key).toList());
        c.put("tags", lead.tags());
        c.put("owner", lead.owner());
        c.put("attributes", new TreeMap<>(lead.attributes()));
        if (in != null) {
            c.put("in", List.of(in.id(), String.valueOf(in.occurredAt()), String.valueOf(in.summary())));
            c.put("details", new TreeMap<>(in.details()));
        }
        return WeChatMessages.sha256(Json.write(c)).substring(0, 16);
    }

    /** The digest part of a key made by {@link #withDigestKey}. */
    static String digestOf(SourceRecord r) {
        int at = r.key().lastIndexOf('@');
        return at < 0 ? "" : r.key().substring(at + 1);
    }

    private static String firstOf(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}

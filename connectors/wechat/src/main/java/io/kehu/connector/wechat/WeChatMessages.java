package io.kehu.connector.wechat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What WeCom and Official Account callback messages share: their dedupe key, and how a message
 * becomes an interaction's summary and details.
 */
final class WeChatMessages {

    static final int MAX_SUMMARY = 500;

    private WeChatMessages() {
    }

    /**
     * The work item id of a callback: its MsgId when it has one, else a hash of what identifies an
     * event (sender, time, event, and for WeCom change events the change and the two parties).
     * WeChat's retries of one callback carry the same values, so they are enqueued once.
     */
    static String dedupeId(Map<String, String> msg) {
        String msgId = WeChatXml.field(msg, "MsgId");
        if (msgId != null) {
            return "msg-" + msgId;
        }
        String joined = String.join("\u001f",
                nz(msg.get("FromUserName")), nz(msg.get("CreateTime")), nz(msg.get("Event")),
                nz(msg.get("ChangeType")), nz(msg.get("ExternalUserID")), nz(msg.get("UserID")),
                nz(msg.get("EventKey")));
        return "evt-" + sha256(joined).substring(0, 40);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }

    /** CreateTime (seconds since the epoch), or null when missing or not a number. */
    static Instant createTime(Map<String, String> msg) {
        String t = WeChatXml.field(msg, "CreateTime");
        if (t == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A short text for the timeline: the text itself, or what kind of message it was. */
    static String summary(Map<String, String> msg) {
        String type = WeChatXml.field(msg, "MsgType");
        String s = switch (type == null ? "" : type) {
            case "text" -> nz(msg.get("Content"));
            case "image" -> "[image]";
            case "voice" -> WeChatXml.field(msg, "Recognition") != null ? "[voice] " + msg.get("Recognition").trim() : "[voice]";
            case "video", "shortvideo" -> "[video]";
            case "location" -> "[location] " + nz(msg.get("Label"));
            case "link" -> "[link] " + nz(msg.get("Title"));
            case "file" -> "[file] " + nz(msg.get("Title"));
            default -> "[" + (type == null ? "message" : type) + "]";
        };
        return s.length() > MAX_SUMMARY ? s.substring(0, MAX_SUMMARY) + "…" : s.trim();
    }

    /** The message's fields worth keeping on the timeline (never the raw XML). */
    static Map<String, String> details(Map<String, String> msg) {
        Map<String, String> d = new LinkedHashMap<>();
        for (String k : new String[] {"MsgType", "MsgId", "Content", "PicUrl", "MediaId", "Format", "Recognition",
                "Location_X", "Location_Y", "Label", "Title", "Description", "Url", "Event", "EventKey", "AgentID"}) {
            String v = WeChatXml.field(msg, k);
            if (v != null) {
                d.put(k, v);
            }
        }
        return d;
    }
}

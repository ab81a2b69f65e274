package io.kehu.connector.wechat;

import io.kehu.api.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds callback requests as WeChat sends them, encrypted and signed with {@link WeComCrypto}. */
final class WeChatCallbacks {

    private WeChatCallbacks() {
    }

    static String changeEvent(String changeType, String externalUserId, String userId, long createTime) {
        return "<xml><ToUserName><![CDATA[" + WeComClientContractTest.CORP_ID + "]]></ToUserName>"
                + "<FromUserName><![CDATA[sys]]></FromUserName><CreateTime>" + createTime + "</CreateTime>"
                + "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event>"
                + "<ChangeType><![CDATA[" + changeType + "]]></ChangeType><UserID><![CDATA[" + userId + "]]></UserID>"
                + "<ExternalUserID><![CDATA[" + externalUserId + "]]></ExternalUserID><State><![CDATA[teststate]]></State>"
                + "<WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>";
    }

    static String text(String from, String to, long createTime, String content, String msgId) {
        return "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[" + content + "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
    }

    static String event(String from, String to, long createTime, String event, String eventKey) {
        return "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName>"
                + "<CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA[event]]></MsgType>"
                + "<Event><![CDATA[" + event + "]]></Event>"
                + (eventKey == null ? "" : "<EventKey><![CDATA[" + eventKey + "]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>")
                + "</xml>";
    }

    /** The outer body of a safe-mode callback. */
    static String envelope(String to, String encrypted) {
        return "<xml><ToUserName><![CDATA[" + to + "]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID>"
                + "<Encrypt><![CDATA[" + encrypted + "]]></Encrypt></xml>";
    }

    static WebhookRequest request(String method, Map<String, String> query, String body, Instant receivedAt) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        return new WebhookRequest(method, "", q, Map.of("content-type", List.of("text/xml")), "text/xml",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), "203.0.113.9", receivedAt);
    }

    static Map<String, String> query(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}

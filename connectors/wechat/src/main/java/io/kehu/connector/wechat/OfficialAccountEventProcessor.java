package io.kehu.connector.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubException;
import io.kehu.api.Masking;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.StateStore;
import io.kehu.api.spi.WorkHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes enqueued Official Account callbacks: subscribe, unsubscribe, SCAN and messages become
 * interactions on the person keyed by {@code appid/openid}, plus the unionid when the account is
 * bound to an Open Platform account. user/info is called on every subscribe (fresh follower
 * data) and otherwise once per follower: its unionid, or the fact that there is none, is kept in
 * the instance's state (the latter for a day, in case the account is bound later).
 */
final class OfficialAccountEventProcessor implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(OfficialAccountEventProcessor.class);

    static final String CHANNEL = "wechat-oa";
    static final String SOURCE = "wechat-oa";
    static final String EVENT = "event";
    static final String MESSAGE = "message";
    static final Set<String> EVENTS = Set.of("subscribe", "unsubscribe", "SCAN");
    static final String UNIONID_KEY = "unionid.";
    static final Duration NO_UNIONID_TTL = Duration.ofDays(1);

    private final String appId;
    private final OfficialAccountClient client;
    private final IngestSink ingest;
    private final StateStore state;
    private final ConnectorMetrics metrics;
    private final Clock clock;

    OfficialAccountEventProcessor(String appId, OfficialAccountClient client, IngestSink ingest, StateStore state,
                                  ConnectorMetrics metrics, Clock clock) {
        this.appId = appId;
        this.client = client;
        this.ingest = ingest;
        this.state = state;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The work type of a callback, or null for those the connector does not use (menu clicks, template reports …). */
    static String workType(Map<String, String> msg) {
        String msgType = WeChatXml.field(msg, "MsgType");
        if (msgType == null || WeChatXml.field(msg, "FromUserName") == null) {
            return null;
        }
        if (EVENT.equals(msgType)) {
            return EVENTS.contains(WeChatXml.field(msg, "Event")) ? EVENT : null;
        }
        return MESSAGE;
    }

    @Override
    public void process(String id, String type, String payload) {
        Map<String, String> msg;
        try {
            msg = WeChatXml.parse(payload);
        } catch (CallbackRefused e) {
            throw HubException.invalidInput("The stored Official Account callback is not readable XML");
        }
        String openId = WeChatXml.field(msg, "FromUserName");
        if (openId == null) {
            throw HubException.invalidInput("An Official Account callback without FromUserName");
        }
        String event = EVENT.equals(WeChatXml.field(msg, "MsgType")) ? WeChatXml.field(msg, "Event") : null;
        JsonNode info = null;
        String unionId;
        if ("subscribe".equals(event)) {
            info = userInfo(openId);
            unionId = info == null ? null : Json.text(info, "unionid");
            remember(openId, unionId);
        } else if ("unsubscribe".equals(event)) {
            // An unfollowed user's record is gone from user/info; only a remembered unionid helps.
            unionId = remembered(openId).orElse(null);
        } else {
            unionId = unionIdOf(openId);
        }
        ingest.submit(List.of(record(msg, openId, unionId, event, info)));
        metrics.increment("wechat-oa.callback.ingested", 1);
    }

    private SourceRecord record(Map<String, String> msg, String openId, String unionId, String event, JsonNode info) {
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(IdentifierType.WECHAT_OPENID, appId + "/" + openId));
        if (unionId != null) {
            ids.add(Identifier.unionId(unionId));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (info != null) {
            putIf(attributes, "wechat.subscribeScene", Json.text(info, "subscribe_scene"));
            putIf(attributes, "wechat.qrScene", Json.text(info, "qr_scene_str"));
            putIf(attributes, "wechat.language", Json.text(info, "language"));
        }
        Instant at = WeChatMessages.createTime(msg);
        Lead lead = new Lead(null, null, null, null, ids, SOURCE, null, null, null, attributes, at);
        String id = CHANNEL + ":" + appId + ":" + WeChatMessages.dedupeId(msg);
        Interaction in;
        if (event == null) {
            in = new Interaction(id, "message", CHANNEL, at, WeChatMessages.summary(msg), WeChatMessages.details(msg));
        } else {
            String key = WeChatXml.field(msg, "EventKey");
            String scene = key == null ? null : key.startsWith("qrscene_") ? key.substring("qrscene_".length()) : key;
            String summary = switch (event) {
                case "subscribe" -> "Followed the Official Account" + (scene == null ? "" : " (QR code " + scene + ")");
                case "unsubscribe" -> "Unfollowed the Official Account";
                default -> "Scanned QR code " + (scene == null ? "" : scene);
            };
            in = new Interaction(id, event.toLowerCase(java.util.Locale.ROOT), CHANNEL, at, summary,
                    WeChatMessages.details(msg));
        }
        return new SourceRecord(id, "callback " + (event == null ? "message" : event), lead, in);
    }

    /** user/info, or null when the account may not call it or the openid is unknown. */
    private JsonNode userInfo(String openId) {
        try {
            return client.userInfo(openId);
        } catch (WeChatApiClient.WeChatApiException e) {
            if (e.retryable()) {
                throw e;
            }
            // Unverified accounts may not call user/info (48001); keyed by openid alone, nothing is lost.
            log.debug("No user/info for follower {}: errcode {}", Masking.maskId(openId), e.errcode());
            return null;
        }
    }

    private String unionIdOf(String openId) {
        String stored = state.get(UNIONID_KEY + openId).orElse(null);
        if (stored != null) {
            try {
                JsonNode n = Json.parse(stored);
                String u = Json.text(n, "unionid");
                Instant at = Instant.ofEpochSecond(n.path("at").asLong(0));
                if (u != null || clock.instant().isBefore(at.plus(NO_UNIONID_TTL))) {
                    return u;
                }
            } catch (JsonProcessingException e) {
                // fetched again below
            }
        }
        JsonNode info = userInfo(openId);
        String unionId = info == null ? null : Json.text(info, "unionid");
        remember(openId, unionId);
        return unionId;
    }

    private java.util.Optional<String> remembered(String openId) {
        return state.get(UNIONID_KEY + openId).flatMap(s -> {
            try {
                return java.util.Optional.ofNullable(Json.text(Json.parse(s), "unionid"));
            } catch (JsonProcessingException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private void remember(String openId, String unionId) {
        var n = Json.object().put("at", clock.instant().getEpochSecond());
        if (unionId != null) {
            n.put("unionid", unionId);
        }
        state.put(UNIONID_KEY + openId, Json.write(n));
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}

package io.kehu.connector.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.HubException;
import io.kehu.api.Masking;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.ConnectorMetrics;
import io.kehu.api.spi.IngestSink;
import io.kehu.api.spi.WorkHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes enqueued WeCom callbacks in the background: a new or edited customer is fetched
 * (externalcontact/get) and ingested; a removed one gets a "removed" entry on the timeline of the
 * profile keyed by its external_userid; a message from a customer becomes an interaction.
 * Everything is idempotent (stable ids), as the work queue may run an item again.
 */
final class WeComEventProcessor implements WorkHandler {

    private static final Logger log = LoggerFactory.getLogger(WeComEventProcessor.class);

    static final String CHANGE = "change_external_contact";
    static final String MESSAGE = "message";
    static final Set<String> FETCHED = Set.of("add_external_contact", "edit_external_contact", "add_half_external_contact");
    static final Set<String> REMOVED = Set.of("del_external_contact", "del_follow_user");
    /** Follow-user pages of one customer read at most (WeCom pages them by 500). */
    static final int MAX_DETAIL_PAGES = 20;

    private final WeComClient client;
    private final WeComRecordMapper mapper;
    private final IngestSink ingest;
    private final ConnectorMetrics metrics;

    WeComEventProcessor(WeComClient client, WeComRecordMapper mapper, IngestSink ingest, ConnectorMetrics metrics) {
        this.client = client;
        this.mapper = mapper;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    /**
     * The work type of a decrypted callback, or null for callbacks the connector does not use.
     * Messages count only from external contacts (external_userids start with wo or wm): a
     * member's message to the app carries no customer identity.
     */
    static String workType(Map<String, String> msg) {
        String msgType = WeChatXml.field(msg, "MsgType");
        if ("event".equals(msgType)) {
            String change = WeChatXml.field(msg, "ChangeType");
            boolean known = change != null && (FETCHED.contains(change) || REMOVED.contains(change));
            return CHANGE.equals(WeChatXml.field(msg, "Event")) && known
                    && WeChatXml.field(msg, "ExternalUserID") != null ? CHANGE : null;
        }
        String from = WeChatXml.field(msg, "FromUserName");
        return msgType != null && from != null && (from.startsWith("wo") || from.startsWith("wm")) ? MESSAGE : null;
    }

    @Override
    public void process(String id, String type, String payload) {
        Map<String, String> msg;
        try {
            msg = WeChatXml.parse(payload);
        } catch (CallbackRefused e) {
            throw HubException.invalidInput("The stored WeCom callback is not readable XML");
        }
        switch (type == null ? "" : type) {
            case CHANGE -> change(msg);
            case MESSAGE -> submit(List.of(mapper.message(msg)));
            default -> throw HubException.invalidInput("Unknown WeCom work type '" + type + "'");
        }
    }

    private void change(Map<String, String> msg) {
        String changeType = WeChatXml.field(msg, "ChangeType");
        String extId = WeChatXml.field(msg, "ExternalUserID");
        if (extId == null) {
            throw HubException.invalidInput("A WeCom change event without ExternalUserID");
        }
        if (REMOVED.contains(changeType)) {
            submit(List.of(mapper.removed(extId, WeChatXml.field(msg, "UserID"), changeType,
                    WeChatMessages.createTime(msg), WeChatXml.field(msg, "Source"))));
        } else if (FETCHED.contains(changeType)) {
            fetch(extId);
        } else {
            log.debug("Ignored WeCom change type {}", changeType);
        }
    }

    /** Reads the customer with all follow users and ingests one record per follow user. */
    private void fetch(String extId) {
        List<SourceRecord> records = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode answer;
            try {
                answer = client.customer(extId, cursor);
            } catch (WeChatApiClient.WeChatApiException e) {
                if (e.errcode() == WeComClient.NO_SUCH_CONTACT) {
                    // Removed again before we got to it: the removal event, if any, tells the timeline.
                    log.debug("WeCom customer {} no longer exists", Masking.maskId(extId));
                    metrics.increment("wecom.callback.gone", 1);
                    return;
                }
                throw e;
            }
            JsonNode contact = answer.path("external_contact");
            for (JsonNode follow : answer.path("follow_user")) {
                if (Json.text(follow, "userid") != null) {
                    records.add(mapper.fromDetail(contact, follow, "externalcontact/get"));
                }
            }
            cursor = Json.text(answer, "next_cursor");
        } while (cursor != null && ++pages < MAX_DETAIL_PAGES);
        submit(records);
    }

    private void submit(List<SourceRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        ingest.submit(records);
        metrics.increment("wecom.callback.ingested", records.size());
    }
}

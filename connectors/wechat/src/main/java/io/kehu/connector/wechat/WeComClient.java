package io.kehu.connector.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kehu.api.spi.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WeCom (企业微信) customer-contact APIs the connector uses. Errors come inside HTTP 200
 * bodies and are turned into {@link io.kehu.api.HubException}s by {@link WeChatApiClient}.
 */
class WeComClient extends WeChatApiClient {

    /** WeCom's limit for both the number of follow users and the page size of batch/get_by_user. */
    static final int MAX_BATCH = 100;
    /** externalcontact/get: the customer no longer has a relationship with the corp. */
    static final int NO_SUCH_CONTACT = 84061;

    private final String corpId;
    private final String secret;

    WeComClient(URI baseUrl, String corpId, String secret, StateStore state, HttpClient http, Clock clock, Backoff backoff) {
        super("WeCom", baseUrl, state, http, clock, backoff);
        this.corpId = corpId;
        this.secret = secret;
    }

    @Override
    protected String tokenPath() {
        return "/cgi-bin/gettoken";
    }

    @Override
    protected Map<String, String> tokenQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("corpid", corpId);
        q.put("corpsecret", secret);
        return q;
    }

    /** The members who have customer contact enabled. */
    List<String> followUsers() {
        return Json.texts(get("/cgi-bin/externalcontact/get_follow_user_list", Map.of()), "follow_user");
    }

    /**
     * One page of customers of up to 100 follow users.
     *
     * @return the answer: {@code external_contact_list} and {@code next_cursor} (empty on the last page)
     */
    JsonNode customersOf(List<String> userIds, String cursor, int limit) {
        if (userIds.isEmpty() || userIds.size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch/get_by_user takes 1 to 100 userids, not " + userIds.size());
        }
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("batch/get_by_user takes a limit of 1 to 100, not " + limit);
        }
        ObjectNode body = Json.object();
        body.putArray("userid_list").addAll(userIds.stream().map(u -> Json.MAPPER.getNodeFactory().textNode(u)).toList());
        body.put("cursor", cursor == null ? "" : cursor);
        body.put("limit", limit);
        return post("/cgi-bin/externalcontact/batch/get_by_user", Map.of(), body);
    }

    /**
     * One customer with one page of their follow users.
     *
     * @return the answer: {@code external_contact}, {@code follow_user} and {@code next_cursor}
     */
    JsonNode customer(String externalUserId, String cursor) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("external_userid", externalUserId);
        if (cursor != null && !cursor.isEmpty()) {
            q.put("cursor", cursor);
        }
        return get("/cgi-bin/externalcontact/get", q);
    }

    /** The corp's customer tags, id → name (deleted ones included: old contacts may still carry them). */
    Map<String, String> corpTags() {
        JsonNode answer = post("/cgi-bin/externalcontact/get_corp_tag_list", Map.of(), Json.object());
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode group : answer.path("tag_group")) {
            for (JsonNode tag : group.path("tag")) {
                String id = Json.text(tag, "id");
                String name = Json.text(tag, "name");
                if (id != null && name != null) {
                    tags.put(id, name);
                }
            }
        }
        return tags;
    }
}

package io.kehu.connector.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.StateStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Official Account (公众号) APIs the connector uses: the access token and user/info for a
 * follower's unionid. Note that each token request invalidates the account's previous token
 * after five minutes: a second system fetching tokens for the same account causes refusals
 * (40001), which the refresh-once rule absorbs.
 */
class OfficialAccountClient extends WeChatApiClient {

    /** user/info: the openid is not a follower of this account. */
    static final int INVALID_OPENID = 40003;
    /** The account lacks the permission (unverified accounts cannot call user/info). */
    static final int UNAUTHORIZED_API = 48001;

    private final String appId;
    private final String appSecret;

    OfficialAccountClient(URI baseUrl, String appId, String appSecret, StateStore state, HttpClient http, Clock clock,
                          Backoff backoff) {
        super("WeChat Official Account", baseUrl, state, http, clock, backoff);
        this.appId = appId;
        this.appSecret = appSecret;
    }

    @Override
    protected String tokenPath() {
        return "/cgi-bin/token";
    }

    @Override
    protected Map<String, String> tokenQuery() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("grant_type", "client_credential");
        q.put("appid", appId);
        q.put("secret", appSecret);
        return q;
    }

    /** A follower's record: subscribe, openid, subscribe_time, unionid (when bound to an Open Platform account), remark, … */
    JsonNode userInfo(String openId) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("openid", openId);
        q.put("lang", "zh_CN");
        return get("/cgi-bin/user/info", q);
    }
}

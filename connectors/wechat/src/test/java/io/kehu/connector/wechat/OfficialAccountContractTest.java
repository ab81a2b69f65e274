package io.kehu.connector.wechat;

import io.kehu.api.testing.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.testing.TestSourceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Official Account callbacks processed in the background against WireMock: token, user/info, unionid. */
class OfficialAccountContractTest {

    static final String APP_ID = WeComCryptoTest.APP_ID;
    static final String WITH_UNIONID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";
    static final String WITHOUT_UNIONID = "oLVPpjqs9BhvzwPj5A-vNoUnionId";
    static final String UNVERIFIED = "oLVPpjqs9BhvzwPj5A-vUnverified";

    private WireMockServer wm;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T02:00:00Z"));
    private TestSourceContext ctx;
    private SourceTask task;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        ctx = new TestSourceContext("oa-main", OfficialAccountConfig.FIELDS, values());
        task = connector().start(ctx);
    }

    @AfterEach
    void stop() {
        task.close();
        wm.stop();
    }

    private Map<String, Object> values() {
        Map<String, Object> values = new HashMap<>();
        values.put("appId", APP_ID);
        values.put("appSecret", "oa-app-secret");
        values.put("callbackToken", WeComCryptoTest.TOKEN);
        values.put("baseUrl", wm.baseUrl());
        return values;
    }

    private OfficialAccountConnector connector() {
        return new OfficialAccountConnector(clock, WeChatApiClient.defaultHttpClient(), Stubs.backoff(new Stubs.RecordingSleeper()));
    }

    private int userInfoCalls() {
        return wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/user/info"))).size();
    }

    @Test
    void aSubscribeIsKeyedByOpenIdAndTheUnionIdFromUserInfo() {
        Stubs.load(wm, "wechat-oa", "token", "user-info-unionid");

        task.workHandler().process("evt-1", "event",
                WeChatCallbacks.event(WITH_UNIONID, "gh_3f2e1d0c9b8a", 1_700_000_000L, "subscribe", "qrscene_98765"));

        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/token")).withQueryParam("grant_type", equalTo("client_credential"))
                .withQueryParam("appid", equalTo(APP_ID)).withQueryParam("secret", equalTo("oa-app-secret")));
        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("access_token", equalTo("OA-TOKEN-1"))
                .withQueryParam("openid", equalTo(WITH_UNIONID)).withQueryParam("lang", equalTo("zh_CN")));
        SourceRecord r = ctx.records().get(0);
        assertThat(r.lead().identifiers()).containsExactly(
                new Identifier(IdentifierType.WECHAT_OPENID, APP_ID + "/" + WITH_UNIONID),
                Identifier.unionId("o6_bmasdasdsad6_2sgVt7hMZOPfL"));
        assertThat(r.lead().source()).isEqualTo("wechat-oa");
        assertThat(r.lead().attributes()).containsEntry("wechat.subscribeScene", "ADD_SCENE_QR_CODE");
        assertThat(r.interaction().type()).isEqualTo("subscribe");
        assertThat(r.interaction().channel()).isEqualTo("wechat-oa");
        assertThat(r.interaction().summary()).isEqualTo("Followed the Official Account (QR code 98765)");
        assertThat(r.interaction().occurredAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(r.interaction().id()).startsWith("wechat-oa:" + APP_ID + ":evt-");
    }

    @Test
    void laterMessagesReuseTheKnownUnionIdWithoutCallingUserInfo() {
        Stubs.load(wm, "wechat-oa", "token", "user-info-unionid");
        task.workHandler().process("evt-1", "event", WeChatCallbacks.event(WITH_UNIONID, "gh", 1_700_000_000L, "subscribe", null));

        task.workHandler().process("msg-1", "message", WeChatCallbacks.text(WITH_UNIONID, "gh", 1_700_000_100L, "想了解价格", "1"));
        task.workHandler().process("msg-2", "message", WeChatCallbacks.text(WITH_UNIONID, "gh", 1_700_000_200L, "谢谢", "2"));

        assertThat(userInfoCalls()).isEqualTo(1);
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/token")))).hasSize(1);
        SourceRecord msg = ctx.records().get(1);
        assertThat(msg.lead().identifiers()).contains(Identifier.unionId("o6_bmasdasdsad6_2sgVt7hMZOPfL"));
        assertThat(msg.interaction().type()).isEqualTo("message");
        assertThat(msg.interaction().summary()).isEqualTo("想了解价格");
        assertThat(msg.interaction().id()).isEqualTo("wechat-oa:" + APP_ID + ":msg-1");
        assertThat(msg.interaction().details()).containsEntry("MsgType", "text").containsEntry("Content", "想了解价格");
    }

    @Test
    void aFollowerWithoutUnionIdIsKeyedByOpenIdAndAskedAgainAfterADay() {
        Stubs.load(wm, "wechat-oa", "token", "user-info-no-unionid");

        task.workHandler().process("msg-1", "message", WeChatCallbacks.text(WITHOUT_UNIONID, "gh", 1L, "hi", "1"));
        task.workHandler().process("msg-2", "message", WeChatCallbacks.text(WITHOUT_UNIONID, "gh", 2L, "hi", "2"));
        assertThat(userInfoCalls()).isEqualTo(1);
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        task.workHandler().process("msg-3", "message", WeChatCallbacks.text(WITHOUT_UNIONID, "gh", 3L, "hi", "3"));

        assertThat(userInfoCalls()).isEqualTo(2);
        assertThat(ctx.records()).allSatisfy(r -> assertThat(r.lead().identifiers())
                .containsExactly(new Identifier(IdentifierType.WECHAT_OPENID, APP_ID + "/" + WITHOUT_UNIONID)));
    }

    @Test
    void anAccountThatMayNotCallUserInfoStillGetsTheInteraction() {
        Stubs.load(wm, "wechat-oa", "token", "user-info-unauthorized");

        task.workHandler().process("evt-1", "event", WeChatCallbacks.event(UNVERIFIED, "gh", 1L, "subscribe", null));

        SourceRecord r = ctx.records().get(0);
        assertThat(r.lead().identifiers()).containsExactly(new Identifier(IdentifierType.WECHAT_OPENID, APP_ID + "/" + UNVERIFIED));
        assertThat(r.interaction().summary()).isEqualTo("Followed the Official Account");
    }

    @Test
    void anUnsubscribeCallsNothingAndUsesTheRememberedUnionId() {
        Stubs.load(wm, "wechat-oa", "token", "user-info-unionid");
        task.workHandler().process("evt-1", "event", WeChatCallbacks.event(WITH_UNIONID, "gh", 1L, "subscribe", null));
        wm.resetRequests();

        task.workHandler().process("evt-2", "event", WeChatCallbacks.event(WITH_UNIONID, "gh", 2L, "unsubscribe", null));

        assertThat(wm.getAllServeEvents()).isEmpty();
        SourceRecord r = ctx.records().get(1);
        assertThat(r.interaction().type()).isEqualTo("unsubscribe");
        assertThat(r.lead().identifiers()).contains(Identifier.unionId("o6_bmasdasdsad6_2sgVt7hMZOPfL"));
    }

    @Test
    void aTokenRetiredByAnotherSystemIsRefreshedOnce() {
        Stubs.load(wm, "wechat-oa", "token-rotating-first", "token-rotating-second", "user-info-token-expired", "user-info-unionid");

        task.workHandler().process("evt-1", "event", WeChatCallbacks.event(WITH_UNIONID, "gh", 1L, "subscribe", null));

        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/token")))).hasSize(2);
        wm.verify(getRequestedFor(urlPathEqualTo("/cgi-bin/user/info")).withQueryParam("access_token", equalTo("OA-TOKEN-2")));
        assertThat(ctx.records().get(0).lead().identifiers()).contains(Identifier.unionId("o6_bmasdasdsad6_2sgVt7hMZOPfL"));
    }

    @Test
    void checkSignsInOrExplainsWhyNot() {
        Stubs.load(wm, "wechat-oa", "token");
        ConnectorConfig config = new ConnectorConfig(OfficialAccountConfig.FIELDS, values());
        assertThat(connector().check(config).ok()).isTrue();

        Stubs.load(wm, "wechat-oa", "token-invalid-appsecret");
        CheckResult failed = connector().check(config);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).contains("40125").doesNotContain("oa-app-secret");
    }
}

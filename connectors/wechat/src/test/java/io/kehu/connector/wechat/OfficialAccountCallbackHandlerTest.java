package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kehu.connector.wechat.WeChatCallbacks.envelope;
import static io.kehu.connector.wechat.WeChatCallbacks.query;
import static io.kehu.connector.wechat.WeChatCallbacks.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.testing.TestSourceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Official Account endpoint in plain and safe mode, with the shared test vector's token, key and appid. */
class OfficialAccountCallbackHandlerTest {

    static final String APP_ID = WeComCryptoTest.APP_ID;
    static final String TOKEN = WeComCryptoTest.TOKEN;
    static final String AES_KEY = WeComCryptoTest.AES_KEY;
    static final long TS = Long.parseLong(WeComCryptoTest.TIMESTAMP);
    static final Instant RECEIVED = Instant.ofEpochSecond(TS + 1);
    static final String OPENID = "oLVPpjqs9BhvzwPj5A-vTYAX3GLc";

    private final WeComCrypto oa = new WeComCrypto(TOKEN, AES_KEY, APP_ID);
    private WireMockServer wm;
    private TestSourceContext ctx;
    private SourceTask task;

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.close();
        }
        wm.stop();
    }

    private void start(boolean safeMode) {
        Map<String, Object> values = new HashMap<>();
        values.put("appId", APP_ID);
        values.put("appSecret", "oa-app-secret");
        values.put("callbackToken", TOKEN);
        if (safeMode) {
            values.put("encodingAesKey", AES_KEY);
        }
        values.put("baseUrl", wm.baseUrl());
        ctx = new TestSourceContext("oa-main", OfficialAccountConfig.FIELDS, values);
        assertThat(ctx.config().validate()).isEmpty();
        assertThat(new OfficialAccountConnector().validate(ctx.config())).isEmpty();
        task = new OfficialAccountConnector().start(ctx);
    }

    private WebhookResponse handle(WebhookRequest r) {
        WebhookResponse resp = task.webhook().handle(r);
        assertThat(wm.getAllServeEvents()).as("no remote call on the request thread").isEmpty();
        return resp;
    }

    private WebhookRequest plainPost(String xml, long ts, String nonce, Instant received) {
        return request("POST", query("signature", oa.plainSignature(String.valueOf(ts), nonce), "timestamp", String.valueOf(ts),
                "nonce", nonce, "openid", OPENID), xml, received);
    }

    /** Encrypted and signed by {@code crypto}: its token signs, its appid is the receiveid. */
    private WebhookRequest safePost(WeComCrypto crypto, String xml, long ts, String nonce, Instant received) {
        String encrypted = crypto.encrypt(xml);
        return request("POST", query("signature", oa.plainSignature(String.valueOf(ts), nonce), "timestamp", String.valueOf(ts),
                "nonce", nonce, "openid", OPENID, "encrypt_type", "aes",
                "msg_signature", crypto.msgSignature(String.valueOf(ts), nonce, encrypted)), envelope("gh_3f2e1d0c9b8a", encrypted), received);
    }

    private static String text(WebhookResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private void assertRefused(WebhookResponse r, int status) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(ctx.enqueueCalls).as("nothing stored").isEmpty();
    }

    @Test
    void answersServerVerificationWithTheEchostrUnchanged() {
        start(false);

        WebhookResponse r = handle(request("GET", query("signature", "76480565cbe296026c53aaacd1ad523a1ddba24f",
                "timestamp", WeComCryptoTest.TIMESTAMP, "nonce", WeComCryptoTest.NONCE, "echostr", "6386914781930127683"), null, RECEIVED));

        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("6386914781930127683");
    }

    @Test
    void answersServerVerificationInSafeModeToo() {
        start(true);

        WebhookResponse r = handle(request("GET", query("signature", "76480565cbe296026c53aaacd1ad523a1ddba24f",
                "timestamp", WeComCryptoTest.TIMESTAMP, "nonce", WeComCryptoTest.NONCE, "echostr", "6386914781930127683"), null, RECEIVED));

        assertThat(text(r)).isEqualTo("6386914781930127683");
    }

    @Test
    void refusesServerVerificationWithABadSignatureOrAStaleTimestamp() {
        start(false);

        assertRefused(handle(request("GET", query("signature", "76480565cbe296026c53aaacd1ad523a1ddba240",
                "timestamp", WeComCryptoTest.TIMESTAMP, "nonce", WeComCryptoTest.NONCE, "echostr", "1"), null, RECEIVED)), 401);
        assertRefused(handle(request("GET", query("signature", "76480565cbe296026c53aaacd1ad523a1ddba24f",
                "timestamp", WeComCryptoTest.TIMESTAMP, "nonce", WeComCryptoTest.NONCE, "echostr", "1"), null,
                RECEIVED.plus(Duration.ofHours(1)))), 401);
    }

    @Test
    void enqueuesAPlainTextMessageOnceByItsMsgId() {
        start(false);
        String xml = WeChatCallbacks.text(OPENID, "gh_3f2e1d0c9b8a", 1_348_831_860L, "this is a test", "1234567890123456");

        WebhookResponse a = handle(plainPost(xml, TS, "n1", RECEIVED));
        WebhookResponse b = handle(plainPost(xml, TS + 5, "n2", RECEIVED.plusSeconds(5)));

        assertThat(text(a)).isEqualTo("success");
        assertThat(text(b)).isEqualTo("success");
        assertThat(ctx.work).containsOnlyKeys("msg-1234567890123456");
        assertThat(ctx.work.get("msg-1234567890123456").type()).isEqualTo("message");
        assertThat(ctx.work.get("msg-1234567890123456").payload()).isEqualTo(xml);
    }

    @Test
    void decryptsSafeModeEventsAndDedupesBySenderTimeAndEvent() {
        start(true);
        String xml = WeChatCallbacks.event(OPENID, "gh_3f2e1d0c9b8a", 1_700_000_000L, "subscribe", "qrscene_123");

        handle(safePost(oa, xml, TS, "n1", RECEIVED));
        handle(safePost(oa, xml, TS, "n2", RECEIVED));
        handle(safePost(oa, WeChatCallbacks.event(OPENID, "gh_3f2e1d0c9b8a", 1_700_000_000L, "unsubscribe", null), TS, "n3", RECEIVED));

        assertThat(ctx.work).hasSize(2);
        TestSourceContext.Work w = ctx.work.values().iterator().next();
        assertThat(w.type()).isEqualTo("event");
        assertThat(w.payload()).isEqualTo(xml);
        assertThat(w.id()).startsWith("evt-").doesNotContain(OPENID);
    }

    @Test
    void ignoresEventsThatAreNotOnTheTimeline() {
        start(false);

        WebhookResponse r = handle(plainPost(WeChatCallbacks.event(OPENID, "gh", 1L, "CLICK", "MENU_1"), TS, "n1", RECEIVED));

        assertThat(text(r)).isEqualTo("success");
        assertThat(ctx.enqueueCalls).isEmpty();
    }

    @Test
    void refusesPlainPostsWithABadSignature() {
        start(false);
        String xml = WeChatCallbacks.text(OPENID, "gh", 1L, "hi", "1");

        assertRefused(handle(request("POST", query("signature", "0".repeat(40), "timestamp", String.valueOf(TS), "nonce", "n1"),
                xml, RECEIVED)), 401);
        assertRefused(handle(request("POST", query("timestamp", String.valueOf(TS), "nonce", "n1"), xml, RECEIVED)), 400);
    }

    @Test
    void refusesSafeModeTamperingWrongAppIdAndStaleTimestamps() {
        start(true);
        String xml = WeChatCallbacks.event(OPENID, "gh", 1L, "subscribe", null);

        String encrypted = oa.encrypt(xml);
        String sig = oa.msgSignature(String.valueOf(TS), "n1", encrypted);
        String tampered = (encrypted.charAt(0) == 'A' ? "B" : "A") + encrypted.substring(1);
        assertRefused(handle(request("POST", query("timestamp", String.valueOf(TS), "nonce", "n1", "encrypt_type", "aes",
                "msg_signature", sig), envelope("gh", tampered), RECEIVED)), 401);

        assertRefused(handle(safePost(new WeComCrypto(TOKEN, AES_KEY, "wx0000000000000000"), xml, TS, "n2", RECEIVED)), 401);
        assertRefused(handle(safePost(oa, xml, TS, "n3", RECEIVED.minus(Duration.ofMinutes(10)))), 401);
        assertRefused(handle(safePost(new WeComCrypto("other-token", AES_KEY, APP_ID), xml, TS, "n4", RECEIVED)), 401);
    }

    @Test
    void aSafeModeInstanceRefusesPlainPostsAndAPlainInstanceRefusesEncryptedOnes() {
        start(true);
        assertRefused(handle(plainPost(WeChatCallbacks.text(OPENID, "gh", 1L, "hi", "1"), TS, "n1", RECEIVED)), 401);
        task.close();

        start(false);
        assertRefused(handle(safePost(oa, WeChatCallbacks.text(OPENID, "gh", 1L, "hi", "1"), TS, "n1", RECEIVED)), 400);
    }
}

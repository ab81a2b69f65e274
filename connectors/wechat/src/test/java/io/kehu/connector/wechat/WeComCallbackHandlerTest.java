package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kehu.connector.wechat.WeChatCallbacks.changeEvent;
import static io.kehu.connector.wechat.WeChatCallbacks.envelope;
import static io.kehu.connector.wechat.WeChatCallbacks.query;
import static io.kehu.connector.wechat.WeChatCallbacks.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import io.kehu.api.testing.TestSourceContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WeCom callback endpoint through the WebhookHandler interface, with real encrypted bodies. */
class WeComCallbackHandlerTest {

    static final String CORP_ID = WeComClientContractTest.CORP_ID;
    static final String TOKEN = "QDG6eK";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final long TS = 1_748_743_200L;
    static final Instant RECEIVED = Instant.ofEpochSecond(TS + 2);
    static final String EXT_ID = "woAJ2GCAAAXtWyujaWJHDDGi0mAAAA";

    private final WeComCrypto wecom = new WeComCrypto(TOKEN, AES_KEY, CORP_ID);
    private WireMockServer wm;
    private TestSourceContext ctx;
    private SourceTask task;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        Map<String, Object> values = new HashMap<>();
        values.put("corpId", CORP_ID);
        values.put("secret", "contact-secret");
        values.put("pollInterval", "0");
        values.put("callbackToken", TOKEN);
        values.put("encodingAesKey", AES_KEY);
        values.put("baseUrl", wm.baseUrl());
        ctx = new TestSourceContext("wecom-sales", WeComConfig.FIELDS, values);
        assertThat(new WeComConnector().validate(ctx.config())).isEmpty();
        assertThat(ctx.config().validate()).isEmpty();
        task = new WeComConnector().start(ctx);
    }

    @AfterEach
    void stop() {
        task.close();
        wm.stop();
    }

    private WebhookResponse handle(WebhookRequest r) {
        WebhookResponse resp = task.webhook().handle(r);
        assertThat(wm.getAllServeEvents()).as("no remote call on the request thread").isEmpty();
        return resp;
    }

    private WebhookRequest post(String xml, long ts, String nonce, Instant received) {
        String encrypted = wecom.encrypt(xml);
        return signedPost(encrypted, ts, nonce, received);
    }

    private WebhookRequest signedPost(String encrypted, long ts, String nonce, Instant received) {
        String sig = wecom.msgSignature(String.valueOf(ts), nonce, encrypted);
        return request("POST", query("msg_signature", sig, "timestamp", String.valueOf(ts), "nonce", nonce),
                envelope(CORP_ID, encrypted), received);
    }

    private static String text(WebhookResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private void assertRefused(WebhookResponse r, int status) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(ctx.enqueueCalls).as("nothing stored").isEmpty();
        assertThat(ctx.records()).isEmpty();
        assertThat(ctx.deadLetters).isEmpty();
    }

    @Test
    void answersUrlVerificationWithTheDecryptedEchostr() {
        String echo = wecom.encrypt("5927782489442352469");
        String sig = wecom.msgSignature(String.valueOf(TS), "1372623149", echo);

        WebhookResponse r = handle(request("GET",
                query("msg_signature", sig, "timestamp", String.valueOf(TS), "nonce", "1372623149", "echostr", echo), null, RECEIVED));

        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("5927782489442352469");
    }

    @Test
    void refusesUrlVerificationWithABadSignature() {
        String echo = wecom.encrypt("5927782489442352469");
        String sig = wecom.msgSignature(String.valueOf(TS), "1372623149", echo);

        WebhookResponse r = handle(request("GET",
                query("msg_signature", sig, "timestamp", String.valueOf(TS), "nonce", "1372623150", "echostr", echo), null, RECEIVED));

        assertRefused(r, 401);
        assertThat(text(r)).doesNotContain("5927782489442352469");
    }

    @Test
    void enqueuesAChangeEventOnceEvenWhenWeChatRetries() {
        String xml = changeEvent("add_external_contact", EXT_ID, "zhangsan", 1_403_610_513L);
        WebhookRequest first = post(xml, TS, "n1", RECEIVED);
        // WeChat's retry re-sends the same event: encrypted afresh, signed with a new nonce and timestamp.
        WebhookRequest retry = post(xml, TS + 5, "n2", RECEIVED.plusSeconds(5));

        WebhookResponse a = handle(first);
        WebhookResponse b = handle(retry);

        assertThat(a.status()).isEqualTo(200);
        assertThat(text(a)).isEqualTo("success");
        assertThat(text(b)).isEqualTo("success");
        assertThat(ctx.enqueueCalls).hasSize(2);
        assertThat(ctx.work).hasSize(1);
        TestSourceContext.Work w = ctx.work.values().iterator().next();
        assertThat(w.type()).isEqualTo("change_external_contact");
        assertThat(w.payload()).isEqualTo(xml);
        assertThat(w.id()).startsWith("evt-").doesNotContain(EXT_ID);
        assertThat(ctx.counter("callback.duplicates")).isEqualTo(1);
        assertThat(ctx.records()).as("nothing ingested on the request thread").isEmpty();
    }

    @Test
    void doesNotAcknowledgeAnEventThatCouldNotBeStored() {
        ctx.failEnqueue = true;
        WebhookRequest r = post(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1_403_610_513L), TS, "n1", RECEIVED);

        // The hub answers 503 for a retryable HubException, so WeChat sends the event again.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> task.webhook().handle(r))
                .isInstanceOfSatisfying(io.kehu.api.HubException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(ctx.work).isEmpty();
    }

    @Test
    void distinctEventsAreDistinctWork() {
        handle(post(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1_403_610_513L), TS, "n1", RECEIVED));
        handle(post(changeEvent("edit_external_contact", EXT_ID, "zhangsan", 1_403_610_513L), TS, "n2", RECEIVED));
        handle(post(changeEvent("del_follow_user", EXT_ID, "rocky", 1_403_610_513L), TS, "n3", RECEIVED));

        assertThat(ctx.work).hasSize(3);
    }

    @Test
    void keysMessagesByMsgId() {
        String xml = WeChatCallbacks.text("wmAJ2GCAAAzdnCWcQ9hM9HcQ0aXAAA", CORP_ID, 1_348_831_860L, "请发报价", "1234567890123456");

        handle(post(xml, TS, "n1", RECEIVED));
        handle(post(xml, TS, "n2", RECEIVED));

        assertThat(ctx.work).containsOnlyKeys("msg-1234567890123456");
        assertThat(ctx.work.get("msg-1234567890123456").type()).isEqualTo("message");
    }

    @Test
    void ignoresCallbacksThatCarryNoCustomer() {
        WebhookResponse member = handle(post(WeChatCallbacks.text("zhangsan", CORP_ID, 1_348_831_860L, "hi", "42"), TS, "n1", RECEIVED));
        WebhookResponse other = handle(post(WeChatCallbacks.event("zhangsan", CORP_ID, 1_348_831_860L, "enter_agent", null), TS, "n2", RECEIVED));

        assertThat(text(member)).isEqualTo("success");
        assertThat(text(other)).isEqualTo("success");
        assertThat(ctx.enqueueCalls).isEmpty();
        assertThat(ctx.counter("callback.ignored")).isEqualTo(2);
    }

    @Test
    void refusesABadSignature() {
        String encrypted = wecom.encrypt(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L));
        String wrong = new WeComCrypto("not-the-token", AES_KEY, CORP_ID).msgSignature(String.valueOf(TS), "n1", encrypted);

        assertRefused(handle(request("POST", query("msg_signature", wrong, "timestamp", String.valueOf(TS), "nonce", "n1"),
                envelope(CORP_ID, encrypted), RECEIVED)), 401);
    }

    @Test
    void refusesATamperedCiphertext() {
        String encrypted = wecom.encrypt(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L));
        String sig = wecom.msgSignature(String.valueOf(TS), "n1", encrypted);
        byte[] raw = Base64.getDecoder().decode(encrypted);
        raw[5] ^= 0x20;
        String tampered = Base64.getEncoder().encodeToString(raw);

        assertRefused(handle(request("POST", query("msg_signature", sig, "timestamp", String.valueOf(TS), "nonce", "n1"),
                envelope(CORP_ID, tampered), RECEIVED)), 401);
    }

    @Test
    void refusesBadPaddingEvenWhenSigned() {
        // Someone holding the token but not the key: the signature checks out, the padding does not.
        byte[] plain = ByteBuffer.allocate(64).put(new byte[16]).putInt(3).put("abc".getBytes(StandardCharsets.UTF_8))
                .put(CORP_ID.getBytes(StandardCharsets.UTF_8)).array();
        plain[63] = 40;
        String encrypted = rawEncrypt(plain);

        assertRefused(handle(signedPost(encrypted, TS, "n1", RECEIVED)), 400);
    }

    @Test
    void refusesAMessageForAnotherCorp() {
        String encrypted = new WeComCrypto(TOKEN, AES_KEY, "ww0000000000000000")
                .encrypt(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L));

        assertRefused(handle(signedPost(encrypted, TS, "n1", RECEIVED)), 401);
    }

    @Test
    void refusesATimestampOutsideTheTolerance() {
        String xml = changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L);

        assertRefused(handle(post(xml, TS, "n1", RECEIVED.plus(Duration.ofMinutes(6)))), 401);
        assertRefused(handle(post(xml, TS, "n2", RECEIVED.minus(Duration.ofMinutes(6)))), 401);
        assertThat(handle(post(xml, TS, "n3", RECEIVED.plus(Duration.ofMinutes(4)))).status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedRequests() {
        String encrypted = wecom.encrypt(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L));
        String sig = wecom.msgSignature(String.valueOf(TS), "n1", encrypted);

        assertRefused(handle(request("POST", query("timestamp", String.valueOf(TS), "nonce", "n1"),
                envelope(CORP_ID, encrypted), RECEIVED)), 400);
        assertRefused(handle(request("POST", query("msg_signature", sig, "timestamp", "yesterday", "nonce", "n1"),
                envelope(CORP_ID, encrypted), RECEIVED)), 400);
        assertRefused(handle(request("POST", query("msg_signature", sig, "timestamp", String.valueOf(TS), "nonce", "n1"),
                "<xml><ToUserName>x</ToUserName></xml>", RECEIVED)), 400);
        assertThat(handle(request("PUT", Map.of(), null, RECEIVED)).status()).isEqualTo(405);
        assertThat(ctx.enqueueCalls).isEmpty();
    }

    @Test
    void refusesAnOuterBodyWithADoctype() {
        String encrypted = wecom.encrypt(changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L));
        String sig = wecom.msgSignature(String.valueOf(TS), "n1", encrypted);
        String body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><Encrypt>" + encrypted + "</Encrypt><X>&e;</X></xml>";

        assertRefused(handle(request("POST", query("msg_signature", sig, "timestamp", String.valueOf(TS), "nonce", "n1"),
                body, RECEIVED)), 400);
    }

    @Test
    void refusesADecryptedMessageWithADoctype() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<xml><MsgType>text</MsgType><FromUserName>wmAJ2GCAAAzdnCWcQ9hM9HcQ0aXAAA</FromUserName><Content>&e;</Content></xml>";

        assertRefused(handle(post(xxe, TS, "n1", RECEIVED)), 400);
    }

    @Test
    void hasNoEndpointWithoutCallbackSettings() {
        Map<String, Object> values = Map.of("corpId", CORP_ID, "secret", "s", "pollInterval", "0", "baseUrl", wm.baseUrl());
        TestSourceContext pullOnly = new TestSourceContext("x", WeComConfig.FIELDS, values);
        try (SourceTask t = new WeComConnector().start(pullOnly)) {
            assertThat(t.webhook()).isNull();
        }
    }

    private static String rawEncrypt(byte[] plain) {
        try {
            byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(c.doFinal(plain));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

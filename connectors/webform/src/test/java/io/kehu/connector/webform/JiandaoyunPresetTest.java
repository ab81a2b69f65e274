package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.json;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JiandaoyunPresetTest {

    private static final String SECRET = "test-secret";
    private static final String NONCE = "0f5ade";
    private static final String TIMESTAMP = "1772352000";

    /** 简道云's documented algorithm, written independently of the plugin: sha1 hex of "nonce:payload:secret:timestamp". */
    static String signature(String nonce, String payload, String secret, String timestamp) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(String.join(":", nonce, payload, secret, timestamp).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private static WebhookRequest push(String body, String deliverId) throws Exception {
        return post().json(body).query("nonce", NONCE).query("timestamp", TIMESTAMP)
                .header("X-JDY-Signature", signature(NONCE, body, SECRET, TIMESTAMP))
                .header("X-JDY-DeliverId", deliverId).build();
    }

    @Test
    void computesTheDocumentedSignatureOfAKnownPayload() throws Exception {
        // Worked out by hand with Python's hashlib, as in 简道云's guide: sha1(':'.join([nonce, payload, secret, timestamp])).
        assertThat(signature("0f5ade", "{\"op\":\"data_create\",\"data\":{}}", "test-secret", "1498586609"))
                .isEqualTo("1457e6b79d7c7fed8c46aecf197d7436b8943ebc");
        assertThat(WebFormAuth.sha1Hex("0f5ade:".getBytes(), "{\"op\":\"data_create\",\"data\":{}}".getBytes(),
                ":test-secret:1498586609".getBytes())).isEqualTo("1457e6b79d7c7fed8c46aecf197d7436b8943ebc");
    }

    @Test
    void mapsADataPushWithoutAMapping() throws Exception {
        Forms.Instance form = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET));

        WebhookResponse r = form.post(push(Forms.resource("jiandaoyun-data-create.json"), "5f0c1d6e2a-deliver-1"));

        assertThat(r.status()).isEqualTo(200);
        SourceRecord rec = form.ctx().only();
        assertThat(rec.key()).isEqualTo("form:jdy:5f0c1d6e2a-deliver-1");
        assertThat(rec.lead().name()).isEqualTo("李四");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("13900139000"));
        assertThat(rec.lead().company()).isEqualTo("无锡茂业");
        assertThat(rec.lead().region()).isEqualTo("江苏省 无锡市 梁溪区");
        assertThat(rec.lead().source()).isEqualTo("简道云");
        assertThat(rec.lead().observedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        assertThat(rec.interaction().details()).containsEntry("formName", "客户登记")
                .containsEntry("formId", "59264073a2a60c0c08e20bfd");
    }

    @Test
    void aRetriedDeliveryKeepsItsKeySoNothingIsDoubled() throws Exception {
        Forms.Instance form = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET));
        String body = Forms.resource("jiandaoyun-data-create.json");

        WebhookResponse first = form.post(push(body, "deliver-42"));
        WebhookResponse retry = form.post(push(body, "deliver-42"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(json(first).path("id").asText()).isEqualTo(json(retry).path("id").asText());
        // The hub keys records and interactions by these: the retry overwrites, it does not add.
        assertThat(form.ctx().records()).extracting(SourceRecord::key).containsExactly("form:jdy:deliver-42", "form:jdy:deliver-42");
        assertThat(form.ctx().records()).extracting(rec -> rec.interaction().id()).containsOnly("form:jdy:deliver-42");
        assertThat(form.ctx().records().get(1)).isEqualTo(form.ctx().records().get(0));
    }

    @Test
    void refusesABadSignatureAndStoresNothing() throws Exception {
        Forms.Instance form = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET));
        String body = Forms.resource("jiandaoyun-data-create.json");

        WebhookResponse wrongSecret = form.post(post().json(body).query("nonce", NONCE).query("timestamp", TIMESTAMP)
                .header("X-JDY-Signature", signature(NONCE, body, "other-secret", TIMESTAMP)).build());
        WebhookResponse changedNonce = form.post(post().json(body).query("nonce", "aaaaaa").query("timestamp", TIMESTAMP)
                .header("X-JDY-Signature", signature(NONCE, body, SECRET, TIMESTAMP)).build());
        WebhookResponse noQuery = form.post(post().json(body).header("X-JDY-Signature", signature(NONCE, body, SECRET, TIMESTAMP)).build());

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(changedNonce.status()).isEqualTo(401);
        assertThat(noQuery.status()).isEqualTo(401);
        assertThat(json(noQuery).path("detail").asText()).contains("nonce");
        assertThat(form.ctx().batches).isEmpty();
        assertThat(form.ctx().deadLetters).isEmpty();
    }

    @Test
    void acceptsAnUpperCaseHexSignature() throws Exception {
        Forms.Instance form = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET));
        String body = Forms.resource("jiandaoyun-data-create.json");

        WebhookResponse r = form.post(post().json(body).query("nonce", NONCE).query("timestamp", TIMESTAMP)
                .header("X-JDY-Signature", signature(NONCE, body, SECRET, TIMESTAMP).toUpperCase()).header("X-JDY-DeliverId", "d1").build());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void refusesAnOldTimestampWhenAToleranceIsSet() throws Exception {
        // Forms.NOW is 2026-03-02T09:30Z; the push was signed at 2026-03-01T08:00Z.
        Forms.Instance strict = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET, "signatureTolerance", "10m"));
        Forms.Instance lenient = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET, "signatureTolerance", "2d"));
        String body = Forms.resource("jiandaoyun-data-create.json");

        assertThat(strict.post(push(body, "d1")).status()).isEqualTo(401);
        assertThat(lenient.post(push(body, "d1")).status()).isEqualTo(200);
        assertThat(strict.ctx().batches).isEmpty();
    }

    @Test
    void acknowledgesARemovalWithoutIngesting() throws Exception {
        Forms.Instance form = Forms.start("jdy", config("preset", "jiandaoyun", "secret", SECRET));

        WebhookResponse r = form.post(push("{\"op\":\"data_remove\",\"data\":{\"_id\":\"65e1\"}}", "d9"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("ignored");
        assertThat(form.ctx().batches).isEmpty();
        assertThat(form.ctx().deadLetters).isEmpty();
    }
}

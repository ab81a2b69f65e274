package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.TOKEN;
import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.WebhookResponse;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericFormTest {

    @Test
    void mapsJsonWithJsonPaths() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN, "source", "官网",
                "mapping", Map.of(
                        "contact.fullName", "name",
                        "contact.mobile", "phone",
                        "answers[type=email].value", "email",
                        "answers[type=interest].value", "tags",
                        "meta.campaign", "attr:campaign",
                        "meta.submissionId", "id")));
        String body = """
                {"contact":{"fullName":"王五","mobile":"137 0013 7000"},
                 "answers":[{"type":"email","value":"wangwu@example.cn"},{"type":"interest","value":"CRM，企业微信"}],
                 "meta":{"campaign":"spring-expo","submissionId":"sub-991"}}""";

        WebhookResponse r = form.post(post().token().json(body).build());

        assertThat(r.status()).isEqualTo(200);
        SourceRecord rec = form.ctx().only();
        assertThat(rec.key()).isEqualTo("form:site:sub-991");
        assertThat(rec.lead().name()).isEqualTo("王五");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("137 0013 7000"), Identifier.email("wangwu@example.cn"));
        assertThat(rec.lead().tags()).containsExactly("CRM", "企业微信");
        assertThat(rec.lead().attributes()).containsEntry("campaign", "spring-expo");
        assertThat(rec.lead().source()).isEqualTo("官网");
    }

    @Test
    void readsUrlencodedUtf8AndDetectsFieldsByTheirNames() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        String body = "name=" + URLEncoder.encode("张三", StandardCharsets.UTF_8)
                + "&phone=13000000000&email=zhang%40example.cn&company=ACME+Ltd&message=" + URLEncoder.encode("想了解报价", StandardCharsets.UTF_8);

        WebhookResponse r = form.post(post().token().body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII)).build());

        assertThat(r.status()).isEqualTo(200);
        SourceRecord rec = form.ctx().only();
        assertThat(rec.lead().name()).isEqualTo("张三");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("13000000000"), Identifier.email("zhang@example.cn"));
        assertThat(rec.lead().company()).isEqualTo("ACME Ltd");
        assertThat(rec.lead().notes()).isEqualTo("想了解报价");
        assertThat(rec.lead().source()).isEqualTo("web form");
        // No vendor id: the body's hash keys the record, so the same post sent twice is one record.
        assertThat(rec.key()).startsWith("form:site:sha256:");
        form.post(post().token().body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII)).build());
        assertThat(form.ctx().records()).extracting(SourceRecord::key).containsOnly(rec.key());
    }

    @Test
    void readsUrlencodedGbkWhenTheCharsetSaysSo() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        Charset gbk = Charset.forName("GBK");
        String body = URLEncoder.encode("姓名", gbk) + "=" + URLEncoder.encode("欧阳娜娜", gbk)
                + "&" + URLEncoder.encode("手机号码", gbk) + "=13800138000"
                + "&" + URLEncoder.encode("公司名称", gbk) + "=" + URLEncoder.encode("北京锦华医疗", gbk);

        WebhookResponse r = form.post(post().token()
                .body("application/x-www-form-urlencoded; charset=GBK", body.getBytes(StandardCharsets.US_ASCII)).build());
        // Some senders put raw GBK bytes in the body instead of percent-escapes.
        WebhookResponse raw = form.post(post().token()
                .body("application/x-www-form-urlencoded; charset=gb2312", "姓名=李雷&手机=13900139000".getBytes(gbk)).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(form.ctx().records()).extracting(rec -> rec.lead().name()).containsExactly("欧阳娜娜", "李雷");
        assertThat(form.ctx().records().get(0).lead().company()).isEqualTo("北京锦华医疗");
        assertThat(form.ctx().records().get(1).lead().identifiers()).containsExactly(Identifier.phone("13900139000"));
    }

    @Test
    void keepsOnlyTheNameAndSizeOfUploadedFiles() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        String secretContent = "%PDF-1.7 confidential business plan";
        byte[] body = Forms.multipart("XyZ123boundary",
                new String[] {"姓名", "韩梅梅"},
                new String[] {"email", "meimei@example.com"},
                new String[] {"attachment", "计划书.pdf", "application/pdf", secretContent});

        WebhookResponse r = form.post(post().token().body("multipart/form-data; boundary=XyZ123boundary", body).build());

        assertThat(r.status()).isEqualTo(200);
        SourceRecord rec = form.ctx().only();
        assertThat(rec.lead().name()).isEqualTo("韩梅梅");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.email("meimei@example.com"));
        assertThat(rec.interaction().details()).containsEntry("field:attachment",
                "计划书.pdf (" + secretContent.getBytes(StandardCharsets.UTF_8).length + " bytes)");
        assertThat(rec.toString()).doesNotContain("confidential");
    }

    @Test
    void mapsAFieldByItsNameEvenWhenItLooksLikeAPath() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN, "mapping", Map.of("contact[phone]", "phone", "contact.name", "name")));
        String body = "contact%5Bphone%5D=13600136000&contact.name=Lucy";

        form.post(post().token().body("application/x-www-form-urlencoded", body.getBytes(StandardCharsets.US_ASCII)).build());

        SourceRecord rec = form.ctx().only();
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("13600136000"));
        assertThat(rec.lead().name()).isEqualTo("Lucy");
    }

    @Test
    void takesOnlyOnePhoneByDetectionButEveryMappedOne() {
        String body = "{\"手机\":\"13000000001\",\"推荐人手机\":\"13000000002\"}";
        Forms.Instance detected = Forms.start("site", config("secret", TOKEN));
        Forms.Instance mapped = Forms.start("site", config("secret", TOKEN, "mapping", Map.of("手机", "phone", "推荐人手机", "phone")));

        detected.post(post().token().json(body).build());
        mapped.post(post().token().json(body).build());

        assertThat(detected.ctx().only().lead().identifiers()).containsExactly(Identifier.phone("13000000001"));
        assertThat(detected.ctx().only().interaction().details()).containsEntry("field:推荐人手机", "13000000002");
        assertThat(mapped.ctx().only().lead().identifiers()).hasSize(2);
    }
}

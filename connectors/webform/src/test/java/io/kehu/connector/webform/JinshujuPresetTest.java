package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.TOKEN;
import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.json;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.WebhookResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JinshujuPresetTest {

    private static final String PUSH = Forms.resource("jinshuju-push.json");

    private static void assertZhangSan(SourceRecord rec) {
        assertThat(rec.key()).isEqualTo("form:jsj:a1B2c3:28");
        assertThat(rec.lead().name()).isEqualTo("张三");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("13000000000"));
        assertThat(rec.lead().source()).isEqualTo("金数据");
        assertThat(rec.lead().observedAt()).isEqualTo(Instant.parse("2020-08-28T08:00:00Z"));
        assertThat(rec.interaction().occurredAt()).isEqualTo(Instant.parse("2020-08-28T08:00:00Z"));
        assertThat(rec.interaction().details()).containsEntry("formId", "a1B2c3").containsEntry("formName", "产品需求调研表");
        assertThat(rec.interaction().summary()).startsWith("产品需求调研表: ");
    }

    @Test
    void mapsThePushWithAConfiguredMapping() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN,
                "mapping", Map.of("entry.field_1", "name", "entry.field_2", "phone")));

        WebhookResponse r = form.post(post().token().json(PUSH).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("id").asText()).isEqualTo("form:jsj:a1B2c3:28");
        assertZhangSan(form.ctx().only());
    }

    @Test
    void detectsNameAndPhoneByTheShapeOfTheirValuesWithoutAMapping() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));

        WebhookResponse r = form.post(post().token().json(PUSH).build());

        assertThat(r.status()).isEqualTo(200);
        assertZhangSan(form.ctx().only());
        // 金数据's system fields are not answers.
        assertThat(form.ctx().only().interaction().details()).doesNotContainKeys("field:creator_name", "field:info_filling_duration");
    }

    @Test
    void takesTheTokenFromTheQueryAHeaderOrThePath() {
        Forms.Instance query = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));
        Forms.Instance header = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN, "tokenLocation", "header"));
        Forms.Instance path = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN, "tokenLocation", "path"));

        assertThat(query.post(post().query("token", TOKEN).json(PUSH).build()).status()).isEqualTo(200);
        assertThat(header.post(post().header("X-Kehu-Token", TOKEN).json(PUSH).build()).status()).isEqualTo(200);
        assertThat(path.post(post().path("/" + TOKEN).json(PUSH).build()).status()).isEqualTo(200);
        assertThat(path.post(post().path("/" + TOKEN + "/").json(PUSH).build()).status()).isEqualTo(200);

        // A token in the wrong place does not count.
        assertThat(header.post(post().query("token", TOKEN).json(PUSH).build()).status()).isEqualTo(401);
        assertThat(path.post(post().path("/" + TOKEN + "/extra").json(PUSH).build()).status()).isEqualTo(401);
        assertThat(query.ctx().records()).hasSize(1);
        assertThat(header.ctx().records()).hasSize(1);
        assertThat(path.ctx().records()).hasSize(2);
    }

    @Test
    void refusesAWrongOrMissingTokenAndStoresNothing() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));

        WebhookResponse wrong = form.post(post().query("token", TOKEN + "x").json(PUSH).build());
        WebhookResponse prefix = form.post(post().query("token", TOKEN.substring(0, 10)).json(PUSH).build());
        WebhookResponse missing = form.post(post().json(PUSH).build());
        // Even a body that would be dead-lettered is not kept when the token is wrong.
        WebhookResponse wrongAndBroken = form.post(post().query("token", "nope").json("{broken").build());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(prefix.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(json(missing).path("detail").asText()).contains("?token=");
        assertThat(wrongAndBroken.status()).isEqualTo(401);
        assertThat(new String(wrong.body())).doesNotContain(TOKEN);
        assertThat(form.ctx().batches).isEmpty();
        assertThat(form.ctx().deadLetters).isEmpty();
    }

    @Test
    void refusesAddressesOutsideTheAllowlistBeforeLookingAtTheToken() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN,
                "allowedSources", java.util.List.of("198.51.100.0/24", "2001:db8::/32")));

        assertThat(form.post(post().token().from("198.51.100.23").json(PUSH).build()).status()).isEqualTo(200);
        assertThat(form.post(post().token().from("2001:db8::7").json(PUSH).build()).status()).isEqualTo(200);
        assertThat(form.post(post().token().from("203.0.113.9").json(PUSH).build()).status()).isEqualTo(403);
        assertThat(form.ctx().records()).hasSize(2);
    }

    @Test
    void answersOnlyPostsAfterAuthenticating() {
        Forms.Instance form = Forms.start("jsj", config("preset", "jinshuju", "secret", TOKEN));

        WebhookResponse anonymousGet = form.post(post().method("GET").build());
        WebhookResponse get = form.post(post().method("GET").token().build());

        assertThat(anonymousGet.status()).isEqualTo(401);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.headers()).containsEntry("Allow", "POST");
    }
}

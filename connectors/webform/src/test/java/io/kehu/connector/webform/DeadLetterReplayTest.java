package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.TOKEN;
import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.json;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterReplayTest {

    @Test
    void answersMalformedJsonWithAProblemAndKeepsTheRawBody() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN, "tokenLocation", "header"));
        String broken = "{\"name\": \"张三\", \"phone\": \"13000000000\",\n \"email\": }";

        WebhookResponse r = form.post(post().header("X-Kehu-Token", TOKEN).header("User-Agent", "FormBot/1.0")
                .header("Authorization", "Bearer abc").header("Cookie", "sid=1").json(broken).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(json(r).path("title").asText()).isEqualTo("Bad request");
        assertThat(json(r).path("detail").asText())
                .startsWith("The body is not valid JSON: syntax error at line 2, column")
                .contains("dead letter dl-1")
                .doesNotContain("13000000000").doesNotContain("张三");
        assertThat(form.ctx().batches).isEmpty();
        DeadLetter letter = form.ctx().deadLetters.get(0);
        assertThat(letter.type()).isEqualTo("webhook");
        assertThat(letter.payload()).isEqualTo(broken.getBytes(StandardCharsets.UTF_8));
        assertThat(letter.contentType()).isEqualTo("application/json");
        assertThat(letter.reason()).contains("not valid JSON");
        assertThat(letter.key()).startsWith("webhook:");
        assertThat(letter.metadata())
                .containsEntry("contentType", "application/json")
                .containsEntry("header.user-agent", "FormBot/1.0")
                .containsEntry("preset", "generic")
                .doesNotContainKeys("header.x-kehu-token", "header.authorization", "header.cookie");
        assertThat(letter.metadata().values()).noneMatch(v -> v.contains(TOKEN));
        assertThat(form.ctx().counter("forms.deadLettered")).isEqualTo(1);
    }

    @Test
    void replaysADeadLetterAfterTheMappingIsFixed() {
        Forms.Instance before = Forms.start("site", config("secret", TOKEN));
        String body = "{\"who\":\"Lily Wang\",\"contact_no\":\"0086-138 0013 8000\",\"plan\":\"pro\"}";

        WebhookResponse r = before.post(post().token().json(body).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("detail").asText()).contains("No phone number or e-mail address");
        DeadLetter letter = before.ctx().deadLetters.get(0);
        // Replaying with the same mapping fails again, and says why.
        assertThatThrownBy(() -> before.task().replay(letter))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.INVALID_INPUT))
                .hasMessageContaining("No phone number");

        // The instance restarts with a fixed mapping (the hub restarts an instance when its config changes).
        Forms.Instance after = Forms.start("site", config("secret", TOKEN,
                "mapping", Map.of("contact_no", "phone", "who", "name", "plan", "attr:plan")));
        after.task().replay(letter);

        SourceRecord rec = after.ctx().only();
        assertThat(rec.lead().name()).isEqualTo("Lily Wang");
        assertThat(rec.lead().identifiers()).containsExactly(Identifier.phone("0086-138 0013 8000"));
        assertThat(rec.lead().attributes()).containsEntry("plan", "pro");
        // The original arrival time and key survive the replay.
        assertThat(rec.interaction().occurredAt()).isEqualTo(Forms.NOW);
        assertThat(rec.key()).startsWith("form:site:sha256:");
        assertThat(after.ctx().deadLetters).isEmpty();
    }

    @Test
    void keepsASubmissionTheHubRefusesAsADeadLetter() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        String body = "{\"email\":\"test@test.com\"}";
        form.ctx().ingestFailure = b -> {
            b.forEach(rec -> form.ctx().rejections.put(rec.key(), "all identifiers are blocked values"));
            return null;
        };

        WebhookResponse r = form.post(post().token().json(body).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("detail").asText()).contains("all identifiers are blocked values");
        assertThat(form.ctx().deadLetters).hasSize(1);
    }

    @Test
    void answersAnUnsupportedMediaTypeWith415() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));

        WebhookResponse r = form.post(post().token().body("application/xml", "<lead/>".getBytes(StandardCharsets.UTF_8)).build());

        assertThat(r.status()).isEqualTo(415);
        assertThat(form.ctx().deadLetters).hasSize(1);
    }

    @Test
    void answersACutOffMultipartBodyWith400() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        byte[] cut = "--b1\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nx@example.com".getBytes(StandardCharsets.UTF_8);

        WebhookResponse r = form.post(post().token().body("multipart/form-data; boundary=b1", cut).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("detail").asText()).contains("cut off");
        assertThat(form.ctx().deadLetters).hasSize(1);
    }

    @Test
    void refusesToReplayLettersOfAnotherKind() {
        Forms.Instance form = Forms.start("site", config("secret", TOKEN));
        SourceTask task = form.task();

        assertThatThrownBy(() -> task.replay(new DeadLetter("k", "mail", "x", "text/plain", new byte[0], Map.of())))
                .isInstanceOf(HubException.class);
    }
}

package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.TOKEN;
import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.WebhookResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JotformPresetTest {

    private static final String BOUNDARY = "------------------------J1JNT4vbVO4FCC1qLG4HSv";

    private static byte[] webhook(String rawRequest) {
        return Forms.multipart(BOUNDARY,
                new String[] {"action", ""},
                new String[] {"username", "UserNiloth"},
                new String[] {"formID", "243231271343446"},
                new String[] {"type", "WEB"},
                new String[] {"formTitle", "Tutor Appointment Form"},
                new String[] {"submissionID", "6084250982513018472"},
                new String[] {"rawRequest", rawRequest},
                new String[] {"pretty", "Name:Niloth P, E-mail:niloth@example.com"},
                new String[] {"ip", "27.51.18.17"});
    }

    @Test
    void mapsAMultipartWebhookByItsQuestionNamesWithoutAMapping() {
        Forms.Instance form = Forms.start("jot", config("preset", "jotform", "secret", TOKEN));

        WebhookResponse r = form.post(post().token()
                .body("multipart/form-data; boundary=" + BOUNDARY, webhook(Forms.resource("jotform-raw-request.json"))).build());

        assertThat(r.status()).isEqualTo(200);
        SourceRecord rec = form.ctx().only();
        assertThat(rec.key()).isEqualTo("form:jot:6084250982513018472");
        assertThat(rec.lead().name()).isEqualTo("Niloth P");
        assertThat(rec.lead().identifiers()).containsExactlyInAnyOrder(Identifier.email("niloth@example.com"), Identifier.phone("+1 415 555 0134"));
        assertThat(rec.lead().company()).isEqualTo("Acme Tutoring");
        assertThat(rec.lead().notes()).isEqualTo("Weekly math sessions");
        assertThat(rec.lead().source()).isEqualTo("Jotform");
        assertThat(rec.lead().observedAt()).isEqualTo(Forms.NOW);
        assertThat(rec.interaction().details()).containsEntry("formId", "243231271343446")
                .containsEntry("formName", "Tutor Appointment Form");
    }

    @Test
    void mapsRawRequestPathsAndFieldNames() {
        Forms.Instance form = Forms.start("jot", config("preset", "jotform", "secret", TOKEN,
                "mapping", Map.of("rawRequest.q6_company", "attr:school", "ip", "attr:ip")));

        form.post(post().token().body("multipart/form-data; boundary=" + BOUNDARY, webhook(Forms.resource("jotform-raw-request.json"))).build());

        SourceRecord rec = form.ctx().only();
        assertThat(rec.lead().attributes()).containsEntry("school", "Acme Tutoring").containsEntry("ip", "27.51.18.17");
        assertThat(rec.lead().company()).isNull();
    }

    @Test
    void keepsABrokenRawRequestAsADeadLetter() {
        Forms.Instance form = Forms.start("jot", config("preset", "jotform", "secret", TOKEN));

        WebhookResponse r = form.post(post().token().body("multipart/form-data; boundary=" + BOUNDARY, webhook("{\"q4_email\":")).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(Forms.json(r).path("detail").asText()).contains("rawRequest field is not valid JSON");
        assertThat(form.ctx().deadLetters).hasSize(1);
        assertThat(form.ctx().batches).isEmpty();
    }
}

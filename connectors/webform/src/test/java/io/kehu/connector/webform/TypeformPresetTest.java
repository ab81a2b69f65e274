package io.kehu.connector.webform;

import static io.kehu.connector.webform.Forms.config;
import static io.kehu.connector.webform.Forms.json;
import static io.kehu.connector.webform.Forms.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.WebhookResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypeformPresetTest {

    private static final String SECRET = "abc123";

    private static String sign(String body) {
        return "sha256=" + WebFormAuth.base64HmacSha256(SECRET.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signsTheSharedCheckVectorAsTypeformDoes() {
        // shared/api-shapes.md: secret abc123 over this exact body.
        assertThat(sign("{\"event_id\":\"LtWXD3crgy\",\"event_type\":\"form_response\"}"))
                .isEqualTo("sha256=fQ0Tf/AAVUZy1Bdk1is5tXMLH2Il2Qj36lezGX2eN6s=");
    }

    @Test
    void authenticatesTheCheckVectorRequestThenFindsNoResponseInIt() {
        Forms.Instance form = Forms.start("tf", config("preset", "typeform", "secret", SECRET));
        String body = "{\"event_id\":\"LtWXD3crgy\",\"event_type\":\"form_response\"}";

        WebhookResponse r = form.post(post().json(body).header("Typeform-Signature", "sha256=fQ0Tf/AAVUZy1Bdk1is5tXMLH2Il2Qj36lezGX2eN6s=").build());

        // Authenticated (not 401), but a form_response event without form_response is not a submission.
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).path("detail").asText()).contains("no 'form_response' object");
        assertThat(form.ctx().records()).isEmpty();
        assertThat(form.ctx().deadLetters).hasSize(1);
    }

    @Test
    void mapsNameEmailPhoneAndCompanyOfARealPayloadWithoutAMapping() {
        Forms.Instance form = Forms.start("tf", config("preset", "typeform", "secret", SECRET));
        String body = Forms.resource("typeform-demo-request.json");

        WebhookResponse r = form.post(post().json(body).header("Typeform-Signature", sign(body)).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("accepted");
        assertThat(json(r).path("id").asText()).isEqualTo("form:tf:01HQX2V9ZK8M3B7N4C5D6E7F8G");
        SourceRecord rec = form.ctx().only();
        assertThat(rec.key()).isEqualTo("form:tf:01HQX2V9ZK8M3B7N4C5D6E7F8G");
        assertThat(rec.lead().name()).isEqualTo("Alice Chen");
        assertThat(rec.lead().identifiers()).containsExactly(
                Identifier.phone("+8613800138000"), Identifier.email("alice.chen@example.com"));
        assertThat(rec.lead().company()).isEqualTo("Jinghua Medical");
        assertThat(rec.lead().notes()).isEqualTo("We want WeCom contacts in our CRM");
        assertThat(rec.lead().source()).isEqualTo("linkedin");
        assertThat(rec.lead().observedAt()).isEqualTo(Instant.parse("2026-03-01T12:02:37Z"));
        assertThat(rec.interaction().id()).isEqualTo(rec.key());
        assertThat(rec.interaction().type()).isEqualTo("form");
        assertThat(rec.interaction().channel()).isEqualTo("webform");
        assertThat(rec.interaction().summary()).startsWith("Request a demo: ");
        assertThat(rec.interaction().details())
                .containsEntry("formId", "lT4Z3j")
                .containsEntry("formName", "Request a demo")
                .containsEntry("deliveryId", "01HQX2V9ZK8M3B7N4C5D6E7F8G")
                .containsEntry("field:Team size", "50-200");
    }

    @Test
    void usesTheConfiguredSourceLabelAndMappingOverDetection() {
        Forms.Instance form = Forms.start("tf", config("preset", "typeform", "secret", SECRET, "source", "官网 demo",
                "mapping", java.util.Map.of("form_response.answers[field.ref=readable_ref_team_size].choice.label", "attr:teamSize",
                        "form_response.hidden.utm_source", "ignore")));
        String body = Forms.resource("typeform-demo-request.json");

        form.post(post().json(body).header("Typeform-Signature", sign(body)).build());

        SourceRecord rec = form.ctx().only();
        assertThat(rec.lead().attributes()).containsEntry("teamSize", "50-200");
        assertThat(rec.lead().source()).isEqualTo("官网 demo");
        assertThat(rec.lead().name()).isEqualTo("Alice Chen");
    }

    @Test
    void refusesABadSignatureAndStoresNothing() {
        Forms.Instance form = Forms.start("tf", config("preset", "typeform", "secret", SECRET));
        String body = Forms.resource("typeform-demo-request.json");

        WebhookResponse wrong = form.post(post().json(body).header("Typeform-Signature", sign(body + " ")).build());
        WebhookResponse missing = form.post(post().json(body).build());
        WebhookResponse otherSecret = form.post(post().json(body)
                .header("Typeform-Signature", "sha256=" + WebFormAuth.base64HmacSha256("abc124".getBytes(), body.getBytes(StandardCharsets.UTF_8)))
                .build());

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).isEqualTo("application/problem+json");
        assertThat(json(wrong).path("detail").asText()).isEqualTo("Wrong Typeform-Signature");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(otherSecret.status()).isEqualTo(401);
        assertThat(form.ctx().batches).isEmpty();
        assertThat(form.ctx().deadLetters).isEmpty();
        assertThat(form.ctx().counter("forms.refused")).isEqualTo(3);
    }

    @Test
    void acknowledgesOtherEventTypesWithoutIngesting() {
        Forms.Instance form = Forms.start("tf", config("preset", "typeform", "secret", SECRET));
        String body = "{\"event_id\":\"x1\",\"event_type\":\"form_partial_response\"}";

        WebhookResponse r = form.post(post().json(body).header("Typeform-Signature", sign(body)).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).path("status").asText()).isEqualTo("ignored");
        assertThat(form.ctx().batches).isEmpty();
    }
}

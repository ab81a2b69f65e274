package io.kehu.connector.webhookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.Delivery;
import io.kehu.connector.kit.JsonHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    private static final Delivery LEAD;

    static {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "陈\"静\"");
        fields.put("score", 80);
        LEAD = new Delivery("kehu-p-42", "p-42", null, fields, "u-7");
    }

    private static JsonNode render(String template) throws Exception {
        return JsonHttp.mapper().readTree(new BodyTemplate(template).render(LEAD));
    }

    @Test
    void aPlaceholderOutsideAStringBecomesAJsonValueOfItsType() throws Exception {
        JsonNode body = render("{\"n\": {{fields.name}}, \"s\": {{fields.score}}, \"r\": {{remoteId}}, \"missing\": {{fields.nope}}}");
        assertThat(body.get("n").asText()).isEqualTo("陈\"静\"");
        assertThat(body.get("s").isInt()).isTrue();
        assertThat(body.get("r").isNull()).isTrue();
        assertThat(body.get("missing").isNull()).isTrue();
    }

    @Test
    void aPlaceholderInsideAStringBecomesEscapedText() throws Exception {
        JsonNode body = render("{\"title\": \"Lead {{fields.name}} ({{fields.score}}) for {{owner}}{{remoteId}}\"}");
        assertThat(body.get("title").asText()).isEqualTo("Lead 陈\"静\" (80) for u-7");
    }

    @Test
    void fieldsRendersEveryFieldAsAnObject() throws Exception {
        JsonNode body = render("{\"key\": {{idempotencyKey}}, \"profile\": {{ profileId }}, \"all\": {{fields}}}");
        assertThat(body.get("key").asText()).isEqualTo("kehu-p-42");
        assertThat(body.get("profile").asText()).isEqualTo("p-42");
        assertThat(body.get("all").get("score").asInt()).isEqualTo(80);
    }

    @Test
    void anEscapedQuoteDoesNotEndTheString() throws Exception {
        JsonNode body = render("{\"t\": \"say \\\"{{owner}}\\\"\"}");
        assertThat(body.get("t").asText()).isEqualTo("say \"u-7\"");
    }

    @Test
    void theDefaultBodyCarriesEverything() throws Exception {
        JsonNode body = render(BodyTemplate.DEFAULT);
        assertThat(body.get("idempotencyKey").asText()).isEqualTo("kehu-p-42");
        assertThat(body.get("owner").asText()).isEqualTo("u-7");
        assertThat(body.get("fields").get("name").asText()).isEqualTo("陈\"静\"");
    }

    @Test
    void refusesUnknownPlaceholdersByName() {
        assertThatThrownBy(() -> new BodyTemplate("{\"a\": {{phone}}, \"b\": {{fields.x}}, \"c\": {{secret}}}"))
                .hasMessageContaining("phone").hasMessageContaining("secret").hasMessageNotContaining("fields.x");
    }
}

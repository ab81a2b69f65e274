package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.WebhookRequest;
import java.time.Clock;
import java.util.List;

/**
 * What one form service does differently: how it proves a request is its own, and where a
 * submission's answers, id and time are in what it posts.
 */
interface FormPreset {

    List<String> NAMES = List.of("generic", "jinshuju", "jiandaoyun", "typeform", "jotform");

    static FormPreset forName(String name) {
        return switch (name) {
            case "jinshuju" -> new JinshujuPreset();
            case "jiandaoyun" -> new JiandaoyunPreset();
            case "typeform" -> new TypeformPreset();
            case "jotform" -> new JotformPreset();
            case "generic" -> new GenericPreset();
            default -> throw new IllegalArgumentException("Unknown preset '" + name + "'");
        };
    }

    /** Whether the vendor signs its requests (the secret is an HMAC key), rather than sending a token. */
    static boolean signs(String name) {
        return name.equals("jiandaoyun") || name.equals("typeform");
    }

    String name();

    /** The default source label of its leads. */
    String vendorName();

    /**
     * Checks that the request comes from the vendor, before anything of it is parsed or stored.
     *
     * @return null when it does, else why not (fit for a 401 detail; never the secret or the expected value)
     */
    String authenticate(WebhookRequest request, WebFormConfig config, Clock clock);

    /**
     * Finds the answers and the ids in a parsed body.
     *
     * @param body    the body as JSON; urlencoded and multipart bodies arrive as an object of fields
     * @param request the request (headers carry 简道云's delivery id)
     * @throws BadBodyException when the body is not what this vendor posts
     */
    Submission extract(JsonNode body, WebhookRequest request);
}

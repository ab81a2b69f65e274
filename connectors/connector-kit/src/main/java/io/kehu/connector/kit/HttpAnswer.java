package io.kehu.connector.kit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.RemoteCallException;

import java.net.http.HttpHeaders;

/** One HTTP answer of a remote API, with its body as text and, on demand, as JSON. */
public record HttpAnswer(String vendor, int status, HttpHeaders headers, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /**
     * The body as JSON. An unreadable body is a retryable failure: the call may well have been
     * applied, and every destination call is idempotent, so asking again is safe.
     */
    public JsonNode json() {
        try {
            JsonNode node = JsonHttp.MAPPER.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalStateException("empty body");
            }
            return node;
        } catch (JsonProcessingException | IllegalStateException e) {
            throw RemoteCallException.retryable(vendor + " answered HTTP " + status + " with a body that is not JSON",
                    status, "MALFORMED_ANSWER", null);
        }
    }

    /**
     * The body as JSON when it is JSON, else null: for reading a vendor's error code out of a failed answer,
     * where an HTML error page must not hide the status.
     */
    public JsonNode jsonOrNull() {
        try {
            JsonNode node = JsonHttp.MAPPER.readTree(body == null ? "" : body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A field of a JSON object as text; null when the node or the field is missing or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

package io.kehu.connector.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.spi.Delivery;
import io.kehu.api.spi.DeliveryResult;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.HttpAnswer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Ties a batch upsert's answer to its inputs. HubSpot does not promise results in input order, so each
 * result and error is matched by the {@code objectWriteTraceId} we sent, then by the id value it names.
 * 200/201 carry only results; 207 carries results and {@code errors}; a 400 for the whole batch names the
 * culprit in its message or context.
 */
final class HubSpotResults {

    record Input(int index, Delivery delivery, String id) {
        boolean named(String value) {
            return value != null && (value.equals(delivery.idempotencyKey()) || value.equalsIgnoreCase(id));
        }
    }

    /** Error categories that pass by themselves. */
    private static final Set<String> RETRYABLE_CATEGORIES = Set.of("RATE_LIMITS", "LOCKED", "CONFLICT");

    private final HubSpotClient client;
    private final HttpAnswer answer;

    HubSpotResults(HubSpotClient client, HttpAnswer answer) {
        this.client = client;
        this.answer = answer;
    }

    void assign(List<Input> inputs, DeliveryResult[] results) {
        List<Input> open = new ArrayList<>(inputs);
        if (answer.status() == 400 && "VALIDATION_ERROR".equals(HttpAnswer.text(answer.jsonOrNull(), "category"))) {
            assignBatchRefusal(open, results);
            return;
        }
        if (!answer.ok()) {
            throw client.failure(answer);
        }
        JsonNode body = answer.json();
        if ("error".equalsIgnoreCase(body.path("status").asText())) {
            // An error object inside a 2xx says nothing was applied for sure; the upsert is safe to repeat.
            throw RemoteCallException.retryable(HubSpotClient.VENDOR + " answered HTTP " + answer.status() + " with an error: "
                    + HttpAnswer.text(body, "message"), answer.status(), HttpAnswer.text(body, "category"), null);
        }
        for (JsonNode result : body.path("results")) {
            Input in = take(open, result);
            if (in != null) {
                String id = HttpAnswer.text(result, "id");
                results[in.index()] = result.path("new").asBoolean(false) ? DeliveryResult.created(id) : DeliveryResult.updated(id);
            }
        }
        for (JsonNode error : body.path("errors")) {
            Input in = take(open, error);
            if (in == null && open.size() == 1 && body.path("errors").size() == 1) {
                in = open.remove(0); // one error, one lead left: they belong together
            }
            if (in != null) {
                results[in.index()] = perRecord(error);
            }
        }
        // Upserts are idempotent, so a lead the answer does not mention is simply sent again.
        for (Input in : open) {
            results[in.index()] = DeliveryResult.retry("NO_RESULT",
                    "HubSpot's answer (HTTP " + answer.status() + ") did not mention this lead", null);
        }
    }

    /** A 400 refuses the whole batch for one bad input: reject that one, resend the others. */
    private void assignBatchRefusal(List<Input> open, DeliveryResult[] results) {
        JsonNode body = answer.jsonOrNull();
        Input culprit = open.size() == 1 ? open.get(0) : take(open, body);
        if (culprit == null) {
            throw client.failure(answer);
        }
        open.remove(culprit);
        results[culprit.index()] = perRecord(body);
        for (Input in : open) {
            results[in.index()] = DeliveryResult.retry("BATCH_REFUSED", "Sent again without a lead HubSpot refused", null);
        }
    }

    private static DeliveryResult perRecord(JsonNode error) {
        String category = HttpAnswer.text(error, "category");
        JsonNode detail = error.path("errors").path(0);
        String code = detail.hasNonNull("code") ? category + "/" + detail.get("code").asText() : category;
        String message = HttpAnswer.text(error, "message");
        return RETRYABLE_CATEGORIES.contains(category) ? DeliveryResult.retry(code, message, null)
                : DeliveryResult.rejected(code, message);
    }

    /** Removes and returns the open input that a result or error names, or null. */
    private static Input take(List<Input> open, JsonNode node) {
        if (node == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        names.add(HttpAnswer.text(node, "objectWriteTraceId"));
        names.add(HttpAnswer.text(node, "id"));
        node.path("context").forEach(values -> values.forEach(v -> names.add(v.asText())));
        node.path("properties").forEach(v -> names.add(v.asText()));
        String message = HttpAnswer.text(node, "message");
        for (Iterator<Input> it = open.iterator(); it.hasNext(); ) {
            Input in = it.next();
            boolean named = names.stream().anyMatch(in::named) || (message != null
                    && message.toLowerCase(Locale.ROOT).contains(in.id().toLowerCase(Locale.ROOT)));
            if (named) {
                it.remove();
                return in;
            }
        }
        return null;
    }
}

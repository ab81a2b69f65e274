package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kehu.api.HubException;
import io.kehu.api.Masking;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.DeadLetter;
import io.kehu.api.spi.IngestResult;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.WebhookHandler;
import io.kehu.api.spi.WebhookRequest;
import io.kehu.api.spi.WebhookResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One form instance's endpoint {@code /hooks/{instanceId}/…}. In this order: the source allowlist
 * (403) and the vendor's signature or the shared token (401) before anything is parsed or stored;
 * then the body is read by its Content-Type, mapped, and ingested synchronously. The answer is
 * {@code 200 {"status":"accepted","id":…}} only once the ingest returned, i.e. the record is durable
 * in Elasticsearch; a store that is down answers 503 so the vendor retries. A body that cannot be
 * read or carries no phone or e-mail answers 400 and is kept as a dead letter for inspection and
 * replay (after the mapping is fixed).
 */
final class WebFormHandler implements WebhookHandler {

    private static final Logger log = LoggerFactory.getLogger(WebFormHandler.class);

    static final String LETTER_TYPE = "webhook";
    /** Headers that authenticate or identify a session never go into a dead letter. */
    private static final Pattern SECRET_HEADER =
            Pattern.compile(".*(authorization|cookie|token|secret|signature|password|api-?key|session).*");
    private static final String RETRY_AFTER_SECONDS = "30";

    private final SourceContext context;
    private final WebFormConfig config;
    private final FormPreset preset;
    private final SourceAllowlist allowlist;
    private final FieldMapping mapping;
    private final WebFormRecordMapper mapper;
    private final Clock clock;

    WebFormHandler(SourceContext context, WebFormConfig config, Clock clock) {
        this.context = context;
        this.config = config;
        this.preset = FormPreset.forName(config.preset());
        this.allowlist = config.allowedSources();
        this.mapping = new FieldMapping(config.mapping());
        this.mapper = new WebFormRecordMapper(context.instanceId(), preset, config.source());
        this.clock = clock;
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        if (!allowlist.allows(request.remoteAddress())) {
            return refuse(403, "Forbidden", "This address may not post to this form endpoint");
        }
        String refusal = preset.authenticate(request, config, clock);
        if (refusal != null) {
            return refuse(401, "Unauthorized", refusal);
        }
        if (!"POST".equalsIgnoreCase(request.method()) && !"PUT".equalsIgnoreCase(request.method())) {
            WebhookResponse p = WebhookResponse.problem(405, "Method not allowed", "Form submissions are POSTed");
            return new WebhookResponse(p.status(), p.contentType(), p.body(), Map.of("Allow", "POST"));
        }
        try {
            return accepted(submit(request));
        } catch (BadBodyException e) {
            String id = context.deadLetters().put(letter(request, e.getMessage()));
            context.metrics().increment("forms.deadLettered", 1);
            log.debug("Kept an unusable submission as dead letter {}: {}", id, e.getMessage());
            return WebhookResponse.problem(e.status(), e.status() == 415 ? "Unsupported media type" : "Bad request",
                    e.getMessage() + " (kept as dead letter " + id + ")");
        } catch (HubException e) {
            if (!e.retryable()) {
                throw e;
            }
            // Not acknowledged: the vendor keeps the submission and retries it later.
            context.metrics().increment("forms.unavailable", 1);
            log.warn("Form submission not accepted, the hub's store is unavailable; the sender will retry: {}", e.getMessage());
            WebhookResponse p = WebhookResponse.problem(503, "Service unavailable",
                    "The submission could not be stored right now; retry later");
            return new WebhookResponse(p.status(), p.contentType(), p.body(), Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    /** What became of one submission: the record's key, or why nothing was ingested. */
    record Outcome(String key, String ignored) {
    }

    /**
     * Parses, maps and ingests an authenticated request; also what a replay runs.
     *
     * @throws BadBodyException when the body cannot be used
     * @throws HubException     from the ingest, retryable when the store is unavailable
     */
    Outcome submit(WebhookRequest request) {
        JsonNode body = FormBodyParser.parse(request.contentType(), request.body());
        Submission s = preset.extract(body, request);
        if (s.ignored() != null) {
            context.metrics().increment("forms.ignored", 1);
            log.debug("Ignored a request: {}", s.ignored());
            return new Outcome(null, s.ignored());
        }
        FieldMapping.Result mapped = mapping.apply(body, s);
        if (!mapped.values().hasIdentifier()) {
            throw new BadBodyException("No phone number or e-mail address found in the submission: map the field that holds "
                    + "one (mapping: {<field or JSON path>: phone}) and replay the dead letter");
        }
        String deliveryId = s.deliveryId() != null ? s.deliveryId()
                : mapped.values().id != null ? mapped.values().id : "sha256:" + bodyHash(request.body());
        SourceRecord record = mapper.map(s, mapped, deliveryId, request.receivedAt() != null ? request.receivedAt() : clock.instant());
        IngestResult result = context.ingest().submit(List.of(record));
        if (!result.rejected().isEmpty()) {
            throw new BadBodyException("The hub refused the submission: " + result.rejected().get(0).reason());
        }
        context.metrics().increment("forms.accepted", 1);
        if (log.isDebugEnabled()) {
            log.debug("Accepted submission {} with identifiers {}", record.key(),
                    record.lead().identifiers().stream().map(Masking::mask).toList());
        }
        return new Outcome(record.key(), null);
    }

    /** Runs a dead letter again with the current mapping; its request was authenticated when it arrived. */
    void replay(DeadLetter letter) {
        if (!LETTER_TYPE.equals(letter.type())) {
            throw HubException.configuration("A web form instance replays only '" + LETTER_TYPE + "' letters, not '" + letter.type() + "'");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        letter.metadata().forEach((k, v) -> {
            if (k.startsWith("header.")) {
                headers.put(k.substring(7), List.of(v));
            }
        });
        Instant received;
        try {
            received = letter.metadata().containsKey("receivedAt") ? Instant.parse(letter.metadata().get("receivedAt")) : clock.instant();
        } catch (DateTimeParseException e) {
            received = clock.instant();
        }
        WebhookRequest request = new WebhookRequest("POST", "", Map.of(), headers, letter.contentType(), letter.payload(),
                letter.metadata().get("remoteAddress"), received);
        try {
            submit(request);
        } catch (BadBodyException e) {
            throw HubException.invalidInput(e.getMessage());
        }
    }

    /** The request kept whole for inspection and replay: raw body, content type and its harmless headers. */
    DeadLetter letter(WebhookRequest request, String reason) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("preset", preset.name());
        if (request.contentType() != null) {
            meta.put("contentType", request.contentType());
        }
        if (request.remoteAddress() != null) {
            meta.put("remoteAddress", request.remoteAddress());
        }
        if (request.receivedAt() != null) {
            meta.put("receivedAt", request.receivedAt().toString());
        }
        List<String> names = new ArrayList<>(request.headers().keySet());
        for (String name : names) {
            List<String> values = request.headers().get(name);
            if (!SECRET_HEADER.matcher(name.toLowerCase(java.util.Locale.ROOT)).matches() && values != null && !values.isEmpty()) {
                meta.put("header." + name, String.join(", ", values));
            }
        }
        // The body's hash names the letter: the same bad push retried replaces its letter instead of piling up.
        return new DeadLetter("webhook:" + bodyHash(request.body()), LETTER_TYPE, reason, request.contentType(), request.body(), meta);
    }

    private WebhookResponse refuse(int status, String title, String detail) {
        // Nothing of the request is stored or logged beyond this line: it may be anyone's.
        context.metrics().increment("forms.refused", 1);
        context.metrics().error("Refused a form post: " + detail);
        log.debug("Refused a form post with {}: {}", status, detail);
        return WebhookResponse.problem(status, title, detail);
    }

    private static WebhookResponse accepted(Outcome outcome) {
        ObjectNode json = FormJson.object();
        if (outcome.ignored() != null) {
            json.put("status", "ignored").put("reason", outcome.ignored());
        } else {
            json.put("status", "accepted").put("id", outcome.key());
        }
        return WebhookResponse.json(200, json.toString());
    }

    private static String bodyHash(byte[] body) {
        return HexFormat.of().formatHex(WebFormAuth.sha256(body)).substring(0, 32);
    }
}

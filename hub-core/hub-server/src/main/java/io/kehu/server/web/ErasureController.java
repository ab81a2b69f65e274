package io.kehu.server.web;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.search.ErasureDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.identity.NormalizationResult;
import io.kehu.server.privacy.ErasureService;
import io.kehu.server.privacy.ErasureStore;
import io.kehu.server.privacy.Suppressions;
import io.kehu.server.security.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Erasing a person on request (PIPL/GDPR), the erasure records, and lifting a suppression (admins only). */
@RestController
public class ErasureController {

    private static final Logger log = LoggerFactory.getLogger(ErasureController.class);

    /** What the hub cannot erase, said in every answer (and in the README). */
    static final List<String> NOT_ERASED = List.of(
            "Records already delivered to CRMs stay there (see deliveredTo): destinations offer the hub no delete;"
                    + " erase them in each CRM. A delivery under way at the moment of the erasure may still arrive.",
            "Dead letters and finished work items keep raw payloads of received records; they are not indexed by"
                    + " person. They go with retention (hub.retention.dead-letters, hub.retention.work) or, for dead"
                    + " letters, by hand.",
            "Backups and snapshots of Elasticsearch taken before the erasure still hold the data until they expire.");

    private final ErasureService erasures;
    private final ErasureStore records;
    private final Suppressions suppressions;
    private final IdentifierNormalizer normalizer;

    public ErasureController(ErasureService erasures, ErasureStore records,
                             Suppressions suppressions, IdentifierNormalizer normalizer) {
        this.erasures = erasures;
        this.records = records;
        this.suppressions = suppressions;
        this.normalizer = normalizer;
    }

    /**
     * Erases the profile and everything about the person; {@code suppress} (default) keeps their identifiers
     * out of later imports. A repeat answers the stored record with {@code repeated: true}.
     */
    @DeleteMapping("/api/v1/profiles/{id}")
    public Map<String, Object> erase(@PathVariable String id,
                                     @RequestParam(name = "suppress", defaultValue = "true") boolean suppress,
                                     @RequestParam(name = "reason", required = false) String reason,
                                     HttpServletRequest http) {
        String actor = String.valueOf(http.getAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE));
        ErasureService.Outcome outcome = erasures.erase(new ErasureService.Request(id, suppress, reason, actor));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("erasure", outcome.erasure());
        out.put("repeated", outcome.repeated());
        out.put("notErased", NOT_ERASED);
        return out;
    }

    @GetMapping("/api/v1/privacy/erasures")
    public SearchPage<ErasureDoc> list(@RequestParam(name = "from", defaultValue = "0") int from,
                                       @RequestParam(name = "size", defaultValue = "50") int size) {
        return records.list(from, size);
    }

    /** The value to lift, in any spelling; its type is taken from {@code type} or guessed (e-mail, else phone). */
    public record LiftRequest(String identifier, String type) {
    }

    @PostMapping("/api/v1/privacy/suppressions/lift")
    public Map<String, Object> lift(@RequestBody LiftRequest body) {
        if (body == null || body.identifier() == null || body.identifier().isBlank()) {
            throw HubException.invalidInput("Give the identifier to lift, e.g. {\"identifier\":\"+86 139 1234 5678\"}");
        }
        String raw = body.identifier().trim();
        IdentifierType type = body.type() != null && !body.type().isBlank() ? IdentifierType.fromPrefix(body.type())
                : raw.indexOf('@') >= 0 || raw.indexOf('＠') >= 0 ? IdentifierType.EMAIL : IdentifierType.PHONE;
        NormalizationResult n = normalizer.normalize(new Identifier(type, raw));
        if (!n.ok()) {
            // The reason never quotes the value.
            throw HubException.invalidInput("Not a usable " + type.prefix() + ": " + n.rejectionReason());
        }
        boolean lifted = suppressions.lift(n.normalized());
        log.info("Lift of an erasure suppression ({} identifier): {}", type.prefix(),
                lifted ? "lifted" : "was not suppressed");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", type.prefix());
        out.put("lifted", lifted);
        return out;
    }

    @ExceptionHandler(ErasureService.MergedAwayException.class)
    ProblemDetail mergedAway(ErasureService.MergedAwayException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Profile was merged into another");
        p.setProperty("survivor", e.survivor());
        return p;
    }
}

package io.kehu.server.web;

import io.kehu.search.SearchPage;
import io.kehu.server.claims.ClaimService;
import io.kehu.server.claims.ClaimView;
import io.kehu.server.security.ApiKeyFilter;
import io.kehu.server.security.Role;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The claim pool (抢单): the open leads an owner may claim, and claiming one. A sales key tied to an owner
 * (an API key entry ending in {@code :owner}) lists and claims for that owner only; a sales key tied to none
 * may list but not claim. Integrator and admin keys act for any owner, named in the request.
 */
@RestController
@RequestMapping("/api/v1/claims")
public class ClaimController {

    /** The body of a claim; {@code owner} may be left out by a key tied to an owner. */
    public record ClaimRequest(String owner) {
    }

    /** A claim that won (or was already the owner's). */
    public record Claimed(String profileId, String owner) {
    }

    /** A refusal before the pool is asked: answered as problem+json with its status. */
    static final class Refused extends RuntimeException {
        final HttpStatus status;
        final String title;

        Refused(HttpStatus status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }

    private final ClaimService claims;

    public ClaimController(ClaimService claims) {
        this.claims = claims;
    }

    @GetMapping
    public SearchPage<ClaimView> open(@RequestParam(name = "owner", required = false) String owner,
                                      @RequestParam(name = "from", defaultValue = "0") int from,
                                      @RequestParam(name = "size", defaultValue = "20") int size,
                                      @RequestAttribute(ApiKeyFilter.KEY_ROLE_ATTRIBUTE) Role role,
                                      @RequestAttribute(name = ApiKeyFilter.KEY_OWNER_ATTRIBUTE, required = false)
                                      String keyOwner) {
        if (from < 0 || size < 1 || size > 100) {
            throw new IllegalArgumentException("from must be 0 or more and size between 1 and 100");
        }
        String asked = owner == null && role == Role.SALES ? keyOwner : owner;
        String ownerId = asked == null ? null : known(asked);
        if (role == Role.SALES && keyOwner != null && !Objects.equals(ownerId, known(keyOwner))) {
            throw new Refused(HttpStatus.FORBIDDEN, "Not your leads", "A sales key lists the leads of its own owner only.");
        }
        return claims.open(ownerId, from, size);
    }

    @PostMapping("/{profileId}")
    public ResponseEntity<?> claim(@PathVariable String profileId, @RequestBody(required = false) ClaimRequest body,
                                   @RequestAttribute(ApiKeyFilter.KEY_ROLE_ATTRIBUTE) Role role,
                                   @RequestAttribute(name = ApiKeyFilter.KEY_OWNER_ATTRIBUTE, required = false)
                                   String keyOwner) {
        String asked = body == null || body.owner() == null || body.owner().isBlank() ? null : body.owner();
        String owner = asked == null ? keyOwner : asked;
        if (role == Role.SALES) {
            if (keyOwner == null) {
                throw new Refused(HttpStatus.FORBIDDEN, "Key not tied to an owner",
                        "This sales key is tied to no owner, so it cannot claim; its API key entry needs :<owner id>.");
            }
            if (!Objects.equals(known(owner), known(keyOwner))) {
                throw new Refused(HttpStatus.FORBIDDEN, "Not your claim", "A sales key claims for its own owner only.");
            }
        }
        if (owner == null) {
            throw new IllegalArgumentException("Name the claiming owner: {\"owner\": \"<owner id>\"}");
        }
        ClaimService.Answer a = claims.claim(profileId, owner);
        String detail = "Lead " + profileId + ": " + a.message() + ".";
        return switch (a.outcome()) {
            case CLAIMED -> ResponseEntity.ok(new Claimed(a.profileId(), a.owner()));
            case ALREADY_CLAIMED -> problem(HttpStatus.CONFLICT, "Already claimed", detail);
            case NOT_ELIGIBLE -> problem(HttpStatus.FORBIDDEN, "Not eligible", detail);
            case UNKNOWN_OWNER -> problem(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown owner", detail);
            case NOT_IN_POOL -> problem(HttpStatus.NOT_FOUND, "Not in the claim pool", detail);
            case EXPIRED -> problem(HttpStatus.GONE, "Claim deadline passed", detail);
        };
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused e) {
        return problem(e.status, e.title, e.getMessage());
    }

    /** The owner's id for an id or unique name. */
    private String known(String idOrName) {
        return claims.ownerId(idOrName).orElseThrow(() -> new Refused(HttpStatus.UNPROCESSABLE_ENTITY,
                "Unknown owner", "No owner in the routing rules goes by '" + idOrName + "'."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status).body(p);
    }
}

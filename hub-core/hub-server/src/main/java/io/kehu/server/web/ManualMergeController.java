package io.kehu.server.web;

import io.kehu.server.duplicates.ManualMerge;
import io.kehu.server.security.ApiKeyFilter;
import io.kehu.server.security.SalesScope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Merges two profiles a salesperson judged to be one person (合并); undone like any merge. */
@RestController
public class ManualMergeController {

    private final ManualMerge merges;

    public ManualMergeController(ManualMerge merges) {
        this.merges = merges;
    }

    /** {@code {"with":"p-2","reason":"same person: trade show and web form"}}. */
    public record MergeRequest(String with, String reason) {
    }

    @PostMapping("/api/v1/profiles/{id}/merge")
    public ManualMerge.Outcome merge(@PathVariable String id, @RequestBody MergeRequest body,
                                     @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by,
                                     HttpServletRequest request) {
        return merges.merge(id, body.with(), body.reason(), SalesScope.owner(request), by);
    }

    @ExceptionHandler(ManualMerge.NoIdentifier.class)
    ProblemDetail noIdentifier(ManualMerge.NoIdentifier e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("No identifier to merge by");
        return p;
    }
}

package io.kehu.server.web;

import io.kehu.api.HubException;
import io.kehu.server.connectors.ConfigInvalidException;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.lifecycle.ManualStageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the hub's exceptions into {@code application/problem+json}. Messages of HubException are
 * written to be shown; anything else is a bug, answered without internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ConfigInvalidException.class)
    ProblemDetail invalid(ConfigInvalidException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid connector configuration");
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler(ManualStageService.UnknownStageException.class)
    ProblemDetail unknownStage(ManualStageService.UnknownStageException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Unknown lifecycle stage");
        p.setProperty("stages", e.known());
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler(HubException.class)
    ProblemDetail hub(HubException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case CONFIGURATION -> HttpStatus.CONFLICT;
            case REMOTE_RETRYABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case REMOTE_PERMANENT -> HttpStatus.BAD_GATEWAY;
            case BUG -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        if (status.is5xxServerError()) {
            log.error("Request failed: {}", e.getMessage(), e);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(status.getReasonPhrase());
        p.setProperty("retryable", e.retryable());
        return p;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Bad request");
        return p;
    }

    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        log.error("Unexpected error", e);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; the hub's log has the details.");
        p.setTitle("Internal error");
        return p;
    }
}

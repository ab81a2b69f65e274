package io.kehu.server.web;

import io.kehu.server.retention.RetentionSweeper;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the retention sweep now (admins), answering what it deleted per kind of record. */
@RestController
@RequestMapping("/api/v1/retention/run")
public class RetentionController {

    private final RetentionSweeper sweeper;

    public RetentionController(RetentionSweeper sweeper) {
        this.sweeper = sweeper;
    }

    /** 409 while another sweep runs on this node. */
    @PostMapping
    public ResponseEntity<?> run() {
        return sweeper.runIfIdle().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A retention sweep is running; try again when it is done.");
            p.setTitle("Retention sweep already running");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
        });
    }
}

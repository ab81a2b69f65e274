package io.kehu.server.web;

import io.kehu.server.lifecycle.LifecycleSweep;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs the lifecycle sweep now (admins): {@code mode=score} (default) or {@code mode=rebuild}. */
@RestController
@RequestMapping("/api/v1/lifecycle/sweep")
public class LifecycleSweepController {

    private final LifecycleSweep sweep;

    public LifecycleSweepController(LifecycleSweep sweep) {
        this.sweep = sweep;
    }

    /** Answers when the sweep is done, with its counts; 409 while another sweep runs. */
    @PostMapping
    public ResponseEntity<?> run(@RequestParam(name = "mode", defaultValue = "score") String mode) {
        LifecycleSweep.Mode m;
        try {
            m = LifecycleSweep.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be score or rebuild, not '" + mode + "'");
        }
        return sweep.runIfIdle(m).<ResponseEntity<?>>map(r -> ResponseEntity.ok(new Answer(r)))
                .orElseGet(() -> {
                    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                            "A lifecycle sweep is running; try again when it is done.");
                    p.setTitle("Sweep already running");
                    return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
                });
    }

    /** The sweep's counts and speed. */
    public record Answer(String mode, long profiles, long changed, long rebuilt, long stageChanges, long conflicts,
                         long millis, long profilesPerSecond) {
        Answer(LifecycleSweep.Result r) {
            this(r.mode().name().toLowerCase(Locale.ROOT), r.profiles(), r.changed(), r.rebuilt(), r.stageChanges(),
                    r.conflicts(), r.millis(), r.profilesPerSecond());
        }
    }
}

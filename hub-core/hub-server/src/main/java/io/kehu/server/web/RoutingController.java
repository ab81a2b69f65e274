package io.kehu.server.web;

import io.kehu.server.routing.DryRunReport;
import io.kehu.server.routing.RoutingDryRunService;
import io.kehu.server.routing.RoutingService;
import io.kehu.server.routing.RoutingStateStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Routing now ({@code run}, admins) and what candidate rules would do ({@code dry-run}, admins and
 * integrators; the body is optional routing YAML, the rules in force without one).
 */
@RestController
@RequestMapping("/api/v1/routing")
public class RoutingController {

    private final RoutingService routing;
    private final RoutingDryRunService dryRun;

    public RoutingController(RoutingService routing, RoutingDryRunService dryRun) {
        this.routing = routing;
        this.dryRun = dryRun;
    }

    /**
     * Answers when the run is done, with its counts; 409 while another run is under way. {@code all=true}
     * walks every profile, for decisions held back until a destination or a required field was fixed.
     */
    @PostMapping("/run")
    public ResponseEntity<?> run(@RequestParam(name = "all", defaultValue = "false") boolean all) {
        try {
            return routing.runIfIdle(all).<ResponseEntity<?>>map(ResponseEntity::ok)
                    .orElseGet(() -> busy("A routing run is under way; try again when it is done."));
        } catch (RoutingStateStore.Conflict e) {
            return busy("Another hub node advanced the routing checkpoint during this run; try again.");
        }
    }

    /** Counts by rule, destination and owner, with a few samples; nothing is written. */
    @PostMapping("/dry-run")
    public DryRunReport dryRun(@RequestBody(required = false) String yaml) {
        return dryRun.run(yaml);
    }

    private static ResponseEntity<?> busy(String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        p.setTitle("Routing already running");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(p);
    }
}

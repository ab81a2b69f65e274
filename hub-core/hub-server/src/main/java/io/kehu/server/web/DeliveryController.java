package io.kehu.server.web;

import io.kehu.api.HubException;
import io.kehu.search.OutboxDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.delivery.DeliveryDeadLetters;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The delivery outbox for integrators: what went where and what failed (with the destination's
 * code and message), field corrections, and replays.
 */
@RestController
@RequestMapping("/api/v1/deliveries")
public class DeliveryController {

    private final DeliveryDeadLetters deadLetters;

    public DeliveryController(DeliveryDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The request body of a correction: destination field name to value; null removes an earlier correction. */
    public record Corrections(Map<String, Object> fields) {
    }

    @GetMapping
    public SearchPage<OutboxDoc> list(@RequestParam(name = "status", required = false) String status,
                                      @RequestParam(name = "destination", required = false) String destination,
                                      @RequestParam(name = "from", defaultValue = "0") int from,
                                      @RequestParam(name = "size", defaultValue = "20") int size) {
        if (status != null && !status.isBlank() && !status.matches("PENDING|DELIVERED|FAILED")) {
            throw HubException.invalidInput("status must be PENDING, DELIVERED or FAILED");
        }
        return deadLetters.list(status, destination, from, size);
    }

    @GetMapping("/{destination}/{profileId}")
    public OutboxDoc get(@PathVariable String destination, @PathVariable String profileId) {
        return deadLetters.get(destination, profileId);
    }

    /** Corrections are kept over the routed fields, also when the profile is routed again. */
    @PatchMapping("/{destination}/{profileId}")
    public OutboxDoc patch(@PathVariable String destination, @PathVariable String profileId, @RequestBody Corrections body) {
        if (body == null || body.fields() == null || body.fields().isEmpty()) {
            throw HubException.invalidInput("Send {\"fields\": {\"<destination field>\": <value or null>, …}}");
        }
        return deadLetters.patch(destination, profileId, body.fields());
    }

    @PostMapping("/{destination}/{profileId}/replay")
    public OutboxDoc replay(@PathVariable String destination, @PathVariable String profileId) {
        return deadLetters.replay(destination, profileId);
    }

    /** Every failed delivery of one destination, queued again. */
    @PostMapping("/replay")
    public Map<String, Object> replayAll(@RequestParam(name = "destination") String destination) {
        return Map.of("destination", destination, "replayed", deadLetters.replayAll(destination));
    }
}

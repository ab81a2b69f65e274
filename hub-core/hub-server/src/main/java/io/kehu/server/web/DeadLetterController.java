package io.kehu.server.web;

import io.kehu.search.DeadLetterDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.connectors.WebhookDispatcher;
import io.kehu.server.work.DeadLetterService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What connectors could not process: list, inspect (payload included), replay, discard. */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    private final DeadLetterService deadLetters;
    private final WebhookDispatcher dispatcher;

    public DeadLetterController(DeadLetterService deadLetters, WebhookDispatcher dispatcher) {
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
    }

    /** Without payloads; fetch one letter to see its payload. */
    @GetMapping
    public SearchPage<DeadLetterDoc> list(@RequestParam(name = "connector", required = false) String connector,
                                          @RequestParam(name = "status", required = false) String status,
                                          @RequestParam(name = "from", defaultValue = "0") int from,
                                          @RequestParam(name = "size", defaultValue = "20") int size) {
        return deadLetters.list(connector, status, from, size);
    }

    @GetMapping("/{id}")
    public DeadLetterDoc get(@PathVariable String id) {
        return deadLetters.get(id).orElseThrow(() -> new NotFoundException("No dead letter with id " + id));
    }

    /** Processes the letter again through its connector instance (which must be running). */
    @PostMapping("/{id}/replay")
    public DeadLetterDoc replay(@PathVariable String id) {
        return dispatcher.replay(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable String id) {
        get(id);
        deadLetters.delete(id);
    }
}

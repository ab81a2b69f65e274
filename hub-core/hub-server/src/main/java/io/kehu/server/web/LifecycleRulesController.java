package io.kehu.server.web;

import io.kehu.search.RulesVersionDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.rules.DryRun;
import io.kehu.server.rules.RulesInvalidException;
import io.kehu.server.rules.RulesService;
import io.kehu.server.security.ApiKeyFilter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The lifecycle rules as data: read the rules in force and every stored version, validate or dry-run
 * candidate YAML, and put new rules in force. The request body of PUT, validate and dry-run is the
 * YAML of a whole {@code lifecycle.yml}; its {@code version} is ignored, the hub assigns the next one.
 */
@RestController
@RequestMapping("/api/v1/lifecycle/rules")
public class LifecycleRulesController {

    /** Far above any real rules file; keeps a pasted mistake from costing the parser. */
    private static final int MAX_YAML_BYTES = 256 * 1024;

    private final RulesService rules;
    private final LifecycleRules inForce;
    private final DryRun dryRun;

    public LifecycleRulesController(RulesService rules, LifecycleRules inForce, DryRun dryRun) {
        this.rules = rules;
        this.inForce = inForce;
        this.dryRun = dryRun;
    }

    @GetMapping
    public RulesService.RulesView current() {
        return rules.current();
    }

    @GetMapping("/versions")
    public SearchPage<RulesVersionDoc> versions(@RequestParam(name = "from", defaultValue = "0") int from,
                                                @RequestParam(name = "size", defaultValue = "20") int size) {
        return rules.versions(Math.max(from, 0), Math.min(Math.max(size, 1), 100));
    }

    @GetMapping("/versions/{version}")
    public RulesService.RulesView version(@PathVariable int version) {
        return rules.version(version).orElseThrow(() -> new NotFoundException("No lifecycle rules version " + version));
    }

    @PutMapping
    public RulesService.RulesView replace(@RequestBody(required = false) String yaml,
                                          @RequestAttribute(name = ApiKeyFilter.KEY_NAME_ATTRIBUTE, required = false)
                                          String author) {
        RulesVersionDoc stored = rules.put(checked(yaml), author);
        // The version just stored, even if a concurrent change has already superseded it.
        return rules.version(stored.version()).orElseThrow();
    }

    /** Every problem of candidate rules, stored nowhere. */
    @PostMapping("/validate")
    public Map<String, Object> validate(@RequestBody(required = false) String yaml) {
        RulesService.Validation v = rules.validate(checked(yaml));
        return Map.of("valid", v.valid(), "errors", v.problems());
    }

    /** How stage and tier counts would change under candidate rules; nothing is written. */
    @PostMapping("/dry-run")
    public DryRun.Report dryRun(@RequestBody(required = false) String yaml) {
        RulesService.Validation v = rules.validate(checked(yaml));
        if (!v.valid()) {
            throw new RulesInvalidException(v.problems());
        }
        return dryRun.run(inForce.current().config(), v.config());
    }

    @ExceptionHandler(RulesInvalidException.class)
    ProblemDetail invalid(RulesInvalidException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid lifecycle rules");
        p.setProperty("errors", e.problems());
        return p;
    }

    private static String checked(String yaml) {
        if (yaml != null && yaml.getBytes(StandardCharsets.UTF_8).length > MAX_YAML_BYTES) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Lifecycle rules are limited to " + MAX_YAML_BYTES / 1024 + " KiB");
        }
        return yaml;
    }
}

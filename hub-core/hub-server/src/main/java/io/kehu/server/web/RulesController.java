package io.kehu.server.web;

import io.kehu.search.RulesVersionDoc;
import io.kehu.search.SearchPage;
import io.kehu.server.connectors.NotFoundException;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * One kind of rules as data, under the subclass's path: read the rules in force and every stored version,
 * validate candidate YAML, and put new rules in force. The body of PUT and validate is the YAML of a
 * whole rules file; its {@code version} is ignored, the hub assigns the next one.
 */
abstract class RulesController<C> {

    /** Far above any real rules file; keeps a pasted mistake from costing the parser. */
    private static final int MAX_YAML_BYTES = 256 * 1024;

    protected final RulesService<C> rules;

    protected RulesController(RulesService<C> rules) {
        this.rules = rules;
    }

    @GetMapping
    public RulesService.RulesView<C> current() {
        return rules.current();
    }

    @GetMapping("/versions")
    public SearchPage<RulesVersionDoc> versions(@RequestParam(name = "from", defaultValue = "0") int from,
                                                @RequestParam(name = "size", defaultValue = "20") int size) {
        return rules.versions(Math.max(from, 0), Math.min(Math.max(size, 1), 100));
    }

    @GetMapping("/versions/{version}")
    public RulesService.RulesView<C> version(@PathVariable int version) {
        return rules.version(version).orElseThrow(() -> new NotFoundException("No " + rules.kind()
                + " rules version " + version));
    }

    @PutMapping
    public RulesService.RulesView<C> replace(@RequestBody(required = false) String yaml,
                                             @RequestAttribute(name = ApiKeyFilter.KEY_NAME_ATTRIBUTE, required = false)
                                             String author) {
        RulesVersionDoc stored = rules.put(checked(yaml), author);
        // The version just stored, even if a concurrent change has already superseded it.
        return rules.version(stored.version()).orElseThrow();
    }

    /** Every problem of candidate rules, stored nowhere. */
    @PostMapping("/validate")
    public Map<String, Object> validate(@RequestBody(required = false) String yaml) {
        RulesService.Validation<C> v = rules.validate(checked(yaml));
        return Map.of("valid", v.valid(), "errors", v.problems());
    }

    /** Validated candidate rules, or 422 with every problem. */
    protected C validCandidate(String yaml) {
        RulesService.Validation<C> v = rules.validate(checked(yaml));
        if (!v.valid()) {
            throw new RulesInvalidException(rules.kind(), v.problems());
        }
        return v.config();
    }

    @ExceptionHandler(RulesInvalidException.class)
    ProblemDetail invalid(RulesInvalidException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        p.setTitle("Invalid " + e.rulesKind() + " rules");
        p.setProperty("errors", e.problems());
        return p;
    }

    private String checked(String yaml) {
        if (yaml != null && yaml.getBytes(StandardCharsets.UTF_8).length > MAX_YAML_BYTES) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE,
                    "Rules are limited to " + MAX_YAML_BYTES / 1024 + " KiB");
        }
        return yaml;
    }
}

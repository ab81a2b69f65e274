package io.kehu.server.web;

import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.rules.DryRun;
import io.kehu.server.rules.RulesService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle rules as data ({@link RulesController}), and a dry run of candidate YAML: how stage and
 * tier counts would change, nothing written.
 */
@RestController
@RequestMapping("/api/v1/lifecycle/rules")
public class LifecycleRulesController extends RulesController<LifecycleConfig> {

    private final LifecycleRules inForce;
    private final DryRun dryRun;

    public LifecycleRulesController(RulesService<LifecycleConfig> rules, LifecycleRules inForce, DryRun dryRun) {
        super(rules);
        this.inForce = inForce;
        this.dryRun = dryRun;
    }

    @PostMapping("/dry-run")
    public DryRun.Report dryRun(@RequestBody(required = false) String yaml) {
        return dryRun.run(inForce.current().config(), validCandidate(yaml));
    }
}

package io.kehu.server.web;

import io.kehu.server.routing.RoutingConfig;
import io.kehu.server.rules.RulesService;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The routing rules as data ({@link RulesController}); the dry run of candidate routing YAML is
 * {@code POST /api/v1/routing/dry-run}.
 */
@RestController
@RequestMapping("/api/v1/routing/rules")
public class RoutingRulesController extends RulesController<RoutingConfig> {

    public RoutingRulesController(RulesService<RoutingConfig> rules) {
        super(rules);
    }
}

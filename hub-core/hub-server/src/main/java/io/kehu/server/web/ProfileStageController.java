package io.kehu.server.web;

import io.kehu.search.StageChangeDoc;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.ManualStageService;
import io.kehu.server.security.ApiKeyFilter;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sets a profile's stage by hand ({@code PUT}), kept by the ingest path and the sweep, or hands it back to
 * the rules ({@code DELETE}). Recorded with the API key's name.
 */
@RestController
@RequestMapping("/api/v1/profiles/{id}/stage")
public class ProfileStageController {

    private final ManualStageService stages;
    private final LifecycleRules rules;

    public ProfileStageController(ManualStageService stages, LifecycleRules rules) {
        this.stages = stages;
        this.rules = rules;
    }

    /** {@code {"stage":"customer","reason":"signed offline"}} */
    public record StageRequest(String stage, String reason) {
    }

    /** The lifecycle as stored now and the changes recorded. */
    public record StageAnswer(String profileId, LifecycleView lifecycle, List<StageChangeDoc> changes) {
    }

    @PutMapping
    public StageAnswer set(@PathVariable String id, @RequestBody StageRequest body,
                           @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by) {
        return answer(stages.set(id, body == null ? null : body.stage(), body == null ? null : body.reason(), by));
    }

    @DeleteMapping
    public StageAnswer release(@PathVariable String id, @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by) {
        return answer(stages.release(id, by));
    }

    private StageAnswer answer(ManualStageService.Outcome o) {
        return new StageAnswer(o.profile().id(),
                LifecycleView.of(o.profile().lifecycle(), rules.current().config().lifecycle(), false), o.changes());
    }
}

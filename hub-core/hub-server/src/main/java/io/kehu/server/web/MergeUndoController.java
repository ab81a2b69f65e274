package io.kehu.server.web;

import io.kehu.server.merges.LinkingChoice;
import io.kehu.server.merges.MergeUndoService;
import io.kehu.server.security.ApiKeyFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Undoes a merge (拆分) when one profile turns out to be two people; recorded with the API key's name. */
@RestController
public class MergeUndoController {

    private final MergeUndoService undo;

    public MergeUndoController(MergeUndoService undo) {
        this.undo = undo;
    }

    /** {@code {"linking":{"phone:+861088886666":"block"}}}; every part optional. */
    public record UndoRequest(Map<String, String> linking) {
    }

    @PostMapping("/api/v1/profiles/{id}/merges/{mergeId}/undo")
    public MergeUndoService.Outcome undo(@PathVariable String id, @PathVariable String mergeId,
                                         @RequestBody(required = false) UndoRequest body,
                                         @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by) {
        Map<String, LinkingChoice> choices = new LinkedHashMap<>();
        if (body != null && body.linking() != null) {
            body.linking().forEach((key, choice) -> choices.put(key, LinkingChoice.parse(choice)));
        }
        return undo.undo(id, mergeId, choices, by);
    }
}

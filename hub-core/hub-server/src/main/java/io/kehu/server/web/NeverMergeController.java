package io.kehu.server.web;

import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.merges.NeverMergePairs;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The never-merge pairs an undo recorded: which profiles a person split apart, and letting two of them merge
 * again (after an undo that was itself a mistake). Reading is for sales, removing for admins.
 */
@RestController
@RequestMapping("/api/v1/identity/never-merge")
public class NeverMergeController {

    private final NeverMergePairs pairs;

    public NeverMergeController(NeverMergePairs pairs) {
        this.pairs = pairs;
    }

    @GetMapping
    public List<NeverMergePairs.Pair> of(@RequestParam("profile") String profileId) {
        return pairs.of(profileId);
    }

    /** The next record that links the two merges them again, as before the undo. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void remove(@RequestParam("a") String a, @RequestParam("b") String b) {
        if (!pairs.remove(a, b)) {
            throw new NotFoundException("Profiles " + a + " and " + b + " are no never-merge pair");
        }
    }
}

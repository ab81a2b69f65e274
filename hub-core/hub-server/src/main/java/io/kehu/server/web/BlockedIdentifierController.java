package io.kehu.server.web;

import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.identity.BlockList;
import io.kehu.server.identity.IdentifierNormalizer;
import io.kehu.server.identity.NormalizationResult;
import io.kehu.server.merges.BlockedIdentifiers;
import io.kehu.server.security.ApiKeyFilter;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The run-time block list: identifiers that must never link two people (a switchboard, a shared mailbox).
 * Undoing a merge with {@code block} adds to it; admins add and remove. The configured
 * {@code hub.identity.blocked} values and the built-in placeholders apply besides and are not listed here.
 */
@RestController
@RequestMapping("/api/v1/identity/blocked")
public class BlockedIdentifierController {

    private final BlockedIdentifiers blocked;
    private final IdentifierNormalizer normalizer;

    public BlockedIdentifierController(BlockedIdentifiers blocked, IdentifierNormalizer normalizer) {
        this.blocked = blocked;
        this.normalizer = normalizer;
    }

    /** {@code {"identifier":"phone:010 8888 6666","reason":"company switchboard"}} */
    public record BlockRequest(String identifier, String reason) {
    }

    @GetMapping
    public List<BlockedIdentifiers.Entry> list() {
        return blocked.list();
    }

    /** Normalizes the identifier as ingest does, so the entry matches what records will carry. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public BlockedIdentifiers.Entry add(@RequestBody BlockRequest body,
                                        @RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String by) {
        String given = body == null || body.identifier() == null ? "" : body.identifier().trim();
        int colon = given.indexOf(':');
        if (colon <= 0 || colon == given.length() - 1) {
            throw HubException.invalidInput("Give the identifier as type:value, such as phone:010 8888 6666 or"
                    + " email:info@corp.cn");
        }
        IdentifierType type = IdentifierType.fromPrefix(given.substring(0, colon));
        NormalizationResult r = normalizer.normalize(new Identifier(type, given.substring(colon + 1)));
        if (!r.ok()) {
            throw HubException.invalidInput(BlockList.REASON.equals(r.rejectionReason())
                    ? "This identifier is blocked already" : "Not a usable " + type.prefix() + ": " + r.rejectionReason());
        }
        return blocked.add(r.normalized().key(), by, body.reason());
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void remove(@PathVariable String key) {
        if (!blocked.remove(key)) {
            throw new NotFoundException("No blocked identifier " + key);
        }
    }

    /** The same as a query parameter: a CRM id's key holds a '/', which Tomcat refuses encoded in a path. */
    @DeleteMapping(params = "key")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeByQuery(@RequestParam("key") String key) {
        remove(key);
    }
}

package io.kehu.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kehu.server.security.ApiKeyFilter;
import io.kehu.server.security.Role;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the calling API key is: its name, role and the routing owner it acts for. The console shows only what
 * that role may use. The key itself and its hash are never part of the answer.
 */
@RestController
public class MeController {

    /** @param owner the routing owner id the key is tied to; left out when the key names none */
    public record Me(String name, String role, @JsonInclude(JsonInclude.Include.NON_NULL) String owner) {
    }

    @GetMapping("/api/v1/me")
    public Me me(@RequestAttribute(ApiKeyFilter.KEY_NAME_ATTRIBUTE) String name,
                 @RequestAttribute(ApiKeyFilter.KEY_ROLE_ATTRIBUTE) Role role,
                 @RequestAttribute(name = ApiKeyFilter.KEY_OWNER_ATTRIBUTE, required = false) String owner) {
        return new Me(name, role.name().toLowerCase(Locale.ROOT), owner);
    }
}

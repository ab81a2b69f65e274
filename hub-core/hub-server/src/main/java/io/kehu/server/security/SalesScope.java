package io.kehu.server.security;

import io.kehu.api.domain.Profile;
import io.kehu.search.ProfileStore;
import io.kehu.server.connectors.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Which profiles a salesperson may see (数据权限). With {@code hub.security.sales-see: own}, a sales key tied to an
 * owner ({@code name:sales:hash:owner}) reaches only the profiles that owner holds: a search is limited to them,
 * and any other profile's page, timeline, merges, deliveries, stage and never-merge pairs answer 404, as for a
 * profile that does not exist, so a key learns nothing of colleagues' customers. Sales keys without an owner
 * (managers), integrators and admins see everything; so does every key with {@code all}, the default. Pooled
 * leads stay visible through the claim pool, which is how a salesperson gets new ones.
 */
public final class SalesScope implements HandlerInterceptor {

    /** The owner a request is limited to, set for controllers that list profiles. */
    public static final String OWNER_ATTRIBUTE = "io.kehu.salesScopeOwner";
    private static final Pattern PROFILE = Pattern.compile("/api/v1/profiles/([^/]+)(?:/.*)?");

    private final boolean own;
    private final ProfileStore profiles;

    private SalesScope(boolean own, ProfileStore profiles) {
        this.own = own;
        this.profiles = profiles;
    }

    /** @param setting {@code all} or {@code own} */
    public static SalesScope of(String setting, ProfileStore profiles) {
        String s = setting == null ? "all" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "all" -> new SalesScope(false, profiles);
            case "own" -> new SalesScope(true, profiles);
            default -> throw new IllegalArgumentException("hub.security.sales-see must be all or own, not " + setting);
        };
    }

    public boolean ownOnly() {
        return own;
    }

    /** The owner whose profiles alone the request may see; null when it may see all. */
    public static String owner(HttpServletRequest request) {
        return (String) request.getAttribute(OWNER_ATTRIBUTE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object owner = request.getAttribute(ApiKeyFilter.KEY_OWNER_ATTRIBUTE);
        if (!own || request.getAttribute(ApiKeyFilter.KEY_ROLE_ATTRIBUTE) != Role.SALES
                || !(owner instanceof String o) || o.isBlank()) {
            return true;
        }
        request.setAttribute(OWNER_ATTRIBUTE, o);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String id = null;
        Matcher m = PROFILE.matcher(path);
        if (m.matches() && !m.group(1).equals("export")) {
            id = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        } else if (path.equals("/api/v1/identity/never-merge")) {
            id = request.getParameter("profile");
        }
        if (id != null && !visible(id, o)) {
            // The same answer as for an id nobody holds.
            throw new NotFoundException("No profile with id " + id);
        }
        return true;
    }

    /** A profile that does not exist is left to the handler, which answers 404 itself. */
    private boolean visible(String id, String owner) {
        Optional<Profile> p = profiles.get(id);
        if (p.isEmpty()) {
            p = profiles.survivorOf(id).flatMap(profiles::get);
        }
        return p.map(x -> owner.equals(x.owner())).orElse(true);
    }
}

package io.kehu.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires an API key ({@code X-API-Key} or {@code Authorization: Bearer …}) on every request but
 * health, and the role the endpoint needs. Refusals are {@code application/problem+json}.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated key's name, for records of who changed what. */
    public static final String KEY_NAME_ATTRIBUTE = "io.kehu.apiKeyName";
    /** Request attribute holding the authenticated key's {@link Role}. */
    public static final String KEY_ROLE_ATTRIBUTE = "io.kehu.apiKeyRole";
    /** Request attribute holding the routing owner id the key acts for; absent when the key names none. */
    public static final String KEY_OWNER_ATTRIBUTE = "io.kehu.apiKeyOwner";

    private final ApiKeys keys;
    private final ObjectMapper json;

    public ApiKeyFilter(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        String presented = request.getHeader("X-API-Key");
        String auth = request.getHeader("Authorization");
        if (presented == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = auth.substring(7);
        }
        var key = keys.authenticate(presented);
        if (key.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"kehu\"");
            problem(response, 401, "Unauthorized", "A valid API key is required (header X-API-Key or Authorization: Bearer).");
            return;
        }
        Role needed = required(request.getMethod(), path);
        if (!key.get().role().includes(needed)) {
            problem(response, 403, "Forbidden", "This API key's role (" + key.get().role().name().toLowerCase()
                    + ") may not do this; it needs " + needed.name().toLowerCase() + ".");
            return;
        }
        MDC.put("api.key", key.get().name());
        request.setAttribute(KEY_NAME_ATTRIBUTE, key.get().name());
        request.setAttribute(KEY_ROLE_ATTRIBUTE, key.get().role());
        if (key.get().owner() != null) {
            request.setAttribute(KEY_OWNER_ATTRIBUTE, key.get().owner());
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("api.key");
        }
    }

    private static final java.util.regex.Pattern PROFILE_PATH =
            java.util.regex.Pattern.compile("/api/v1/profiles/[^/]+");
    private static final java.util.regex.Pattern STAGE_PATH = java.util.regex.Pattern.compile("/api/v1/profiles/[^/]+/stage");
    private static final java.util.regex.Pattern UNDO_PATH =
            java.util.regex.Pattern.compile("/api/v1/profiles/[^/]+/merges/[^/]+/undo");

    private static final java.util.regex.Pattern MERGE_PATH = java.util.regex.Pattern.compile("/api/v1/profiles/[^/]+/merge");

    static boolean isOpen(String path) {
        // Callbacks authenticate per connector (vendor signatures, secret tokens), not with API keys.
        // The console's static files hold no data: it asks for a key and sends it with every API call.
        return path.startsWith("/hooks/") || path.equals("/api/v1/health") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/") || path.equals("/console") || path.startsWith("/console/");
    }

    /** The least role an endpoint needs. */
    static Role required(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.equals("/api/v1/lifecycle/sweep") || path.equals("/api/v1/routing/run")
                || path.startsWith("/api/v1/retention")) {
            return Role.ADMIN;
        }
        // IT's monitoring scrapes with an integrator key (as a bearer token): counts only, no personal data.
        if (path.equals("/actuator/prometheus")) {
            return Role.INTEGRATOR;
        }
        // A bulk copy of personal data leaves the hub's control (PIPL Art. 51: access limited to those who need it).
        if (path.equals("/api/v1/profiles/export")) {
            return Role.ADMIN;
        }
        // Erasing a person (PIPL/GDPR) cannot be undone; the erasure records and suppressions go with it.
        if (path.startsWith("/api/v1/privacy") || method.equals("DELETE") && PROFILE_PATH.matcher(path).matches()) {
            return Role.ADMIN;
        }
        // Every key may ask who it is: the console shows only what the key's role can use.
        if (path.equals("/api/v1/me")) {
            return Role.SALES;
        }
        // Sales staff set a stage by hand when they know better than the rules (a contract signed offline).
        if (STAGE_PATH.matcher(path).matches()) {
            return Role.SALES;
        }
        // The salesperson who sees one profile that is really two people splits it.
        if (UNDO_PATH.matcher(path).matches()) {
            return Role.SALES;
        }
        // Sales review possible duplicates and merge the two profiles they judge to be one person.
        if (path.equals("/api/v1/identity/suspects") || MERGE_PATH.matcher(path).matches()) {
            return Role.SALES;
        }
        if (path.startsWith("/api/v1/identity/blocked") || path.startsWith("/api/v1/identity/never-merge")) {
            return read ? Role.SALES : Role.ADMIN;
        }
        if (path.startsWith("/api/v1/routing/rules")) {
            return read ? Role.INTEGRATOR : Role.ADMIN;
        }
        if (path.startsWith("/api/v1/plugins")) {
            return read ? Role.INTEGRATOR : Role.ADMIN;
        }
        if (path.startsWith("/api/v1/lifecycle")) {
            // Anyone may read the rules; changing them, and the dry run that reads every profile, is for admins.
            return read ? Role.SALES : Role.ADMIN;
        }
        // Salespeople list and claim pooled leads (抢单) themselves; the controller keeps a key to its own owner.
        if (path.startsWith("/api/v1/funnel") || path.equals("/api/v1/claims") || path.startsWith("/api/v1/claims/")) {
            return Role.SALES;
        }
        if (path.startsWith("/api/v1/alerts")) {
            return Role.ADMIN;
        }
        if (path.startsWith("/api/v1/profiles") || path.startsWith("/api/v1/imports")) {
            return read ? Role.SALES : Role.INTEGRATOR;
        }
        if (path.startsWith("/api/v1/")) {
            return Role.INTEGRATOR;
        }
        return Role.ADMIN;
    }

    private void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}

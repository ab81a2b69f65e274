package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.search.BulkWriter;
import io.kehu.server.merges.NeverMergePairs;
import io.kehu.server.web.ConsoleFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The web console against the real app: its files are served without a key and with security headers, while
 * every data call still needs one; every API path its scripts call exists; {@code GET /api/v1/me} tells a key
 * who it is without giving the key away.
 */
class ConsoleIT extends HubTestSupport {

    static final Path ROOT = tempRoot("console");
    static final String OWNER_KEY = "test-sales-owner-key-5c1e";

    /** {@code api.get(`/api/v1/profiles/${enc(id)}/timeline`, …)}: the method and the path up to any query. */
    static final Pattern API_CALL = Pattern.compile("api\\.(get|post|put|patch|del|upload|download)\\(\\s*([`'\"])(/api/v1/[^`'\"?]*)");
    static final Pattern ANY_API_PATH = Pattern.compile("[`'\"]/api/v1");
    static final Pattern TEMPLATE_PART = Pattern.compile("\\$\\{[^}]*}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    NeverMergePairs pairs;
    @Autowired
    BulkWriter bulk;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, ConsoleIT.class, ROOT);
        // The three keys of every IT, and a salesperson's key tied to a routing owner.
        registry.add("hub.security.api-keys", () -> String.join(",",
                "admin:admin:" + hash(ADMIN_KEY), "ivan:integrator:" + hash(INTEGRATOR_KEY), "sara:sales:" + hash(SALES_KEY),
                "wang:sales:" + hash(OWNER_KEY) + ":wang.fang"));
    }

    @Test
    void consolePageIsServedWithoutAKeyWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).startsWith("default-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    }

    @Test
    void consoleWithoutTheSlashRedirectsToIt() throws Exception {
        HttpResponse<String> r = get("/console");

        assertThat(r.statusCode()).isBetween(301, 308);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/console/"));
    }

    @Test
    void scriptsStylesAndBundlesAreServedWithTheirContentTypesAndHeaders() throws Exception {
        Map<String, String> types = Map.of(
                "/console/js/app.js", "text/javascript",
                "/console/js/pages/profile.js", "text/javascript",
                "/console/console.css", "text/css",
                "/console/i18n/zh-CN.json", "application/json",
                "/console/i18n/en.json", "application/json");
        for (var e : types.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(e.getKey())
                    .hasValueSatisfying(v -> assertThat(v).startsWith(e.getValue()));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(e.getKey()).hasValue("nosniff");
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(e.getKey()).isPresent();
        }
        assertThat(get("/console/i18n/zh-CN.json").body()).contains("抢单");
    }

    @Test
    void apiCallsStillNeedAKeyWhileTheConsoleIsOpen() throws Exception {
        for (String path : List.of("/api/v1/me", "/api/v1/profiles", "/api/v1/funnel/stages")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        }
        // Only the console's own files are open: a path that merely starts like it is not.
        assertThat(get("/consoles").statusCode()).isEqualTo(401);
    }

    @Test
    void everyApiPathTheConsoleCallsMapsToAHandlerForItsMethod() throws IOException {
        List<String> unmatched = new ArrayList<>();
        int calls = 0;
        for (Path script : ConsoleFiles.scripts()) {
            String source = ConsoleFiles.read(script);
            Matcher m = API_CALL.matcher(source);
            int found = 0;
            while (m.find()) {
                found++;
                String method = switch (m.group(1)) {
                    case "get", "download" -> "GET";
                    case "put" -> "PUT";
                    case "patch" -> "PATCH";
                    case "del" -> "DELETE";
                    default -> "POST";
                };
                String path = TEMPLATE_PART.matcher(m.group(3)).replaceAll("x-1");
                if (!handled(method, path)) {
                    unmatched.add(script.getFileName() + ": " + method + " " + m.group(3));
                }
            }
            // Every API path in a script goes through the api helper, so none escapes this check.
            assertThat(count(ANY_API_PATH, source)).as("API paths outside api.*() in " + script).isEqualTo(found);
            calls += found;
        }
        assertThat(calls).isGreaterThan(20);
        assertThat(unmatched).isEmpty();
    }

    @Test
    void meAnswersNameRoleAndOwnerButNoKeyMaterial() {
        ResponseEntity<String> admin = call(HttpMethod.GET, "/api/v1/me", ADMIN_KEY, null, String.class);
        ResponseEntity<JsonNode> owner = call(HttpMethod.GET, "/api/v1/me", OWNER_KEY, null, JsonNode.class);
        ResponseEntity<JsonNode> integrator = call(HttpMethod.GET, "/api/v1/me", INTEGRATOR_KEY, null, JsonNode.class);

        assertThat(admin.getStatusCode().value()).isEqualTo(200);
        assertThat(admin.getBody()).contains("\"name\":\"admin\"").contains("\"role\":\"admin\"")
                .doesNotContain(ADMIN_KEY).doesNotContain(hash(ADMIN_KEY)).doesNotContain("owner");
        assertThat(owner.getBody().path("name").asText()).isEqualTo("wang");
        assertThat(owner.getBody().path("role").asText()).isEqualTo("sales");
        assertThat(owner.getBody().path("owner").asText()).isEqualTo("wang.fang");
        assertThat(owner.getBody().toString()).doesNotContain(OWNER_KEY).doesNotContain(hash(OWNER_KEY));
        assertThat(integrator.getBody().path("role").asText()).isEqualTo("integrator");
        assertThat(integrator.getBody().fieldNames()).toIterable().containsExactlyInAnyOrder("name", "role");
    }

    @Test
    void thePossibleDuplicatesPageIsForSalesWhoMayListAndMergeAsTheApiAllows() {
        String app = ConsoleFiles.read(ConsoleFiles.root().resolve("js/app.js"));
        assertThat(app).contains("duplicates: { page: duplicates, role: 'sales' }");

        assertThat(status(HttpMethod.GET, "/api/v1/identity/suspects?from=0&size=20", SALES_KEY)).isEqualTo(200);
        // Allowed to sales: an unknown profile is a 404, not a 403.
        assertThat(call(HttpMethod.POST, "/api/v1/profiles/p-nobody/merge", SALES_KEY,
                Map.of("with", "p-nobody-2", "reason", "same person"), String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void theBlockListIsShownToSalesAndPersonalDataToAdminsAsTheApiAllows() {
        String app = ConsoleFiles.read(ConsoleFiles.root().resolve("js/app.js"));
        assertThat(app).contains("blocked: { page: blocked, role: 'sales' }").contains("privacy: { page: privacy, role: 'admin' }");

        assertThat(status(HttpMethod.GET, "/api/v1/identity/blocked", SALES_KEY)).isEqualTo(200);
        assertThat(status(HttpMethod.GET, "/api/v1/privacy/erasures?from=0&size=20", INTEGRATOR_KEY)).isEqualTo(403);
        assertThat(status(HttpMethod.GET, "/api/v1/privacy/erasures?from=0&size=20", ADMIN_KEY)).isEqualTo(200);
        // The profile page offers erasure to admins only; its query is the one the console sends.
        assertThat(status(HttpMethod.DELETE, "/api/v1/profiles/p-nobody?suppress=false&reason=PIPL+1", SALES_KEY)).isEqualTo(403);
        assertThat(status(HttpMethod.DELETE, "/api/v1/profiles/p-nobody?suppress=false&reason=PIPL+1", ADMIN_KEY)).isEqualTo(404);
    }

    @Test
    void aBlockedIdentifierIsUnblockedByItsKeyEncodedAsTheConsoleEncodesIt() {
        ResponseEntity<JsonNode> added = call(HttpMethod.POST, "/api/v1/identity/blocked", ADMIN_KEY,
                Map.of("identifier", "phone:010 6666 1234", "reason", "switchboard"), JsonNode.class);
        String key = added.getBody().path("key").asText();
        assertThat(key).isEqualTo("phone:+861066661234");

        // The console sends the key as a query parameter, encoded like URLSearchParams: ':' is %3A, '+' %2B.
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        assertThat(encoded).isEqualTo("phone%3A%2B861066661234");
        assertThat(status(HttpMethod.DELETE, "/api/v1/identity/blocked?key=" + encoded, ADMIN_KEY)).isEqualTo(204);
        assertThat(call(HttpMethod.GET, "/api/v1/identity/blocked", SALES_KEY, null, JsonNode.class).getBody()
                .findValuesAsText("key")).doesNotContain(key);
    }

    @Test
    void aBlockedCrmIdWhoseKeyHoldsASlashIsUnblockedThroughTheQueryParameter() {
        ResponseEntity<JsonNode> added = call(HttpMethod.POST, "/api/v1/identity/blocked", ADMIN_KEY,
                Map.of("identifier", "crm:salesforce/00Q5g00000AbCdE", "reason", "test record"), JsonNode.class);
        assertThat(added.getStatusCode().value()).as(String.valueOf(added.getBody())).isEqualTo(201);
        String key = added.getBody().path("key").asText();
        assertThat(key).contains("/");

        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        assertThat(status(HttpMethod.DELETE, "/api/v1/identity/blocked?key=" + encoded, ADMIN_KEY)).isEqualTo(204);
        assertThat(call(HttpMethod.GET, "/api/v1/identity/blocked", SALES_KEY, null, JsonNode.class).getBody()
                .findValuesAsText("key")).doesNotContain(key);
    }

    @Test
    void theProfilePageListsNeverMergePairsWithTheFieldsItShowsAndOnlyAdminsRemoveOne() {
        bulk.executeAll(List.of(pairs.record("p-console-b", "p-console-a", "m-console-1", Instant.parse("2026-03-01T08:00:00Z"))),
                true, "never-merge pair");
        String section = ConsoleFiles.read(ConsoleFiles.root().resolve("js/pages/profile-never-merge.js"));
        assertThat(section).contains("pair.a", "pair.b", "pair.mergeId", "pair.at", "{ profile: id }", "{ a: pair.a, b: pair.b }");

        // The queries the console sends: ?profile= to list, ?a=&b= to remove.
        JsonNode listed = call(HttpMethod.GET, "/api/v1/identity/never-merge?profile=p-console-b", SALES_KEY, null,
                JsonNode.class).getBody();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("a").asText()).isEqualTo("p-console-a");
        assertThat(listed.get(0).path("b").asText()).isEqualTo("p-console-b");
        assertThat(listed.get(0).path("mergeId").asText()).isEqualTo("m-console-1");
        assertThat(Instant.parse(listed.get(0).path("at").asText())).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        String remove = "/api/v1/identity/never-merge?a=p-console-a&b=p-console-b";
        assertThat(status(HttpMethod.DELETE, remove, SALES_KEY)).isEqualTo(403);
        assertThat(status(HttpMethod.DELETE, remove, ADMIN_KEY)).isEqualTo(204);
        // The console redraws the list at once after a removal.
        assertThat(call(HttpMethod.GET, "/api/v1/identity/never-merge?profile=p-console-b", SALES_KEY, null,
                JsonNode.class).getBody()).isEmpty();
    }

    @Test
    void theConnectorFormFindsEveryProblemsFieldInTheAnswersOfValidateAndCreate() {
        Map<String, Object> definition = Map.of("id", "Not An Id", "type", "no-such-type", "config", Map.of());

        // Validate answers 200 with the problems; create refuses with 422 problem+json: the form reads both.
        JsonNode validated = call(HttpMethod.POST, "/api/v1/connectors/validate", INTEGRATOR_KEY, definition, JsonNode.class).getBody();
        assertThat(validated.path("valid").asBoolean()).isFalse();
        assertThat(validated.path("errors").findValuesAsText("field")).containsExactly("id", "type");
        ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/v1/connectors", INTEGRATOR_KEY, definition, JsonNode.class);
        assertThat(created.getStatusCode().value()).isEqualTo(422);
        assertThat(created.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(created.getBody().path("errors").findValuesAsText("field")).containsExactly("id", "type");
        assertThat(created.getBody().path("errors").findValuesAsText("message")).allSatisfy(m -> assertThat(m).isNotBlank());

        // The hub's own source for merges made by hand is no instance's id.
        JsonNode reserved = call(HttpMethod.POST, "/api/v1/connectors/validate", INTEGRATOR_KEY,
                Map.of("id", "manual", "type", "no-such-type", "config", Map.of()), JsonNode.class).getBody();
        assertThat(reserved.path("errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains("hub's own source"));

        String form = ConsoleFiles.read(ConsoleFiles.root().resolve("js/pages/connector-form.js"));
        assertThat(form).contains("r.valid", "show(r.errors)", "err.status === 422", "show(err.problem.errors)");
        assertThat(ConsoleFiles.read(ConsoleFiles.root().resolve("js/config-fields.js"))).contains("byKey.get(p.field)", "p.message");
    }

    private int status(HttpMethod method, String path, String key) {
        return call(method, path, key, null, String.class).getStatusCode().value();
    }

    private boolean handled(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            boolean pathMatches = info.getPathPatternsCondition() != null
                    && info.getPathPatternsCondition().getPatterns().stream().anyMatch(p -> p.matches(container));
            var methods = info.getMethodsCondition().getMethods();
            if (pathMatches && (methods.isEmpty() || methods.contains(RequestMethod.valueOf(method)))) {
                return true;
            }
        }
        return false;
    }

    private static int count(Pattern p, String s) {
        int n = 0;
        for (Matcher m = p.matcher(s); m.find(); ) {
            n++;
        }
        return n;
    }

    /** A plain GET without a key that does not follow redirects. */
    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        return client.send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

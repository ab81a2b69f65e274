package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.IndexNames;
import io.kehu.server.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code hub.security.sales-see: own}, a salesperson's key tied to an owner finds and opens only that owner's
 * profiles; colleagues' answer 404 as if they did not exist. Keys without an owner (a manager's) see them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesScopeIT extends HubTestSupport {

    static final Path ROOT = tempRoot("sales-scope");
    static final String WANG_KEY = "test-sales-wang-5c1d";

    @Autowired
    IngestService ingest;
    @Autowired
    ElasticsearchClient client;
    @Autowired
    IndexNames names;

    String wangs;
    String lis;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, SalesScopeIT.class, ROOT);
        registry.add("hub.security.sales-see", () -> "own");
        registry.add("hub.security.api-keys", () -> String.join(",", "admin:admin:" + hash(ADMIN_KEY),
                "sara:sales:" + hash(SALES_KEY), "wang:sales:" + hash(WANG_KEY) + ":wang.fang"));
    }

    @BeforeAll
    void profiles() throws IOException {
        wangs = submit("s1", "周一", "13900138101", "wang.fang");
        lis = submit("s2", "周二", "13900138102", "li.lei");
        // Both fall at risk, so the at-risk list has one of each.
        for (String id : List.of(wangs, lis)) {
            client.update(u -> u.index(names.profiles()).id(id).refresh(co.elastic.clients.elasticsearch._types.Refresh.True)
                    .doc(Map.of("lifecycle", Map.of("stage", "at_risk", "combined", 50))), Map.class);
        }
    }

    @Test
    void aSalespersonFindsOnlyTheirOwnProfilesWhateverOwnerTheyAskFor() {
        assertThat(names("/api/v1/profiles?q=%E5%91%A8", WANG_KEY)).containsExactly("周一");
        assertThat(names("/api/v1/profiles?q=%E5%91%A8&owner=li.lei", WANG_KEY)).containsExactly("周一");
        assertThat(names("/api/v1/profiles?q=%2B8613900138102", WANG_KEY)).isEmpty();
        assertThat(names("/api/v1/funnel/at-risk", WANG_KEY)).containsExactly("周一");
    }

    @Test
    void aColleaguesProfileAndEverythingUnderItAnswer404() {
        assertThat(status("/api/v1/profiles/" + wangs, WANG_KEY)).isEqualTo(200);
        for (String path : List.of("", "/timeline", "/merges", "/deliveries")) {
            assertThat(status("/api/v1/profiles/" + lis + path, WANG_KEY)).as(path).isEqualTo(404);
        }
        assertThat(status("/api/v1/identity/never-merge?profile=" + lis, WANG_KEY)).isEqualTo(404);
        var stage = call(HttpMethod.PUT, "/api/v1/profiles/" + lis + "/stage", WANG_KEY,
                Map.of("stage", "customer", "reason", "not mine"), String.class);
        assertThat(stage.getStatusCode().value()).isEqualTo(404);
        assertThat(stage.getBody()).contains("No profile with id " + lis);
    }

    @Test
    void aManagersSalesKeyAndAnAdminSeeEveryone() {
        assertThat(names("/api/v1/profiles?q=%E5%91%A8", SALES_KEY)).containsExactlyInAnyOrder("周一", "周二");
        assertThat(names("/api/v1/funnel/at-risk", SALES_KEY)).containsExactlyInAnyOrder("周一", "周二");
        assertThat(status("/api/v1/profiles/" + lis, SALES_KEY)).isEqualTo(200);
        assertThat(status("/api/v1/profiles/" + lis, ADMIN_KEY)).isEqualTo(200);
    }

    private List<String> names(String path, String key) {
        var r = call(HttpMethod.GET, path, key, null, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(path + " " + r.getBody()).isEqualTo(200);
        JsonNode page = r.getBody();
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("name").asText()));
        return out;
    }

    private int status(String path, String key) {
        return call(HttpMethod.GET, path, key, null, String.class).getStatusCode().value();
    }

    private String submit(String key, String name, String phone, String owner) {
        Lead lead = new Lead(name, "公司", null, null, List.of(Identifier.phone(phone)), "test", List.of(), null, owner,
                Map.of(), null);
        ingest.submit("scope-test", List.of(new SourceRecord("scope:" + key, "1", lead, null)));
        JsonNode page = call(HttpMethod.GET, "/api/v1/profiles?q=%2B86" + phone, ADMIN_KEY, null, JsonNode.class).getBody();
        return page.path("items").get(0).path("id").asText();
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.StateDoc;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.merges.NeverMergePairs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Possible duplicates (疑似重复) and merging two profiles by hand, against the real embedded node. Each test uses its
 * own names, phones and e-mails; the list is read whole (all tests' people are in it) and checked for its own ids.
 */
class DuplicatesIT extends HubTestSupport {

    static final Path ROOT = tempRoot("duplicates");
    static final String WANG_KEY = "test-sales-wang-77aa";

    @Autowired
    IngestService ingest;
    @Autowired
    Documents docs;
    @Autowired
    IndexNames names;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, DuplicatesIT.class, ROOT);
        registry.add("hub.lifecycle.sweep-interval", () -> "0");
        registry.add("hub.security.sales-see", () -> "own");
        registry.add("hub.security.api-keys", () -> String.join(",", "admin:admin:" + hash(ADMIN_KEY),
                "sara:sales:" + hash(SALES_KEY), "wang:sales:" + hash(WANG_KEY) + ":wang.fang"));
    }

    @Test
    void listsPeopleWithTheSameNameAndCompanyButNoIdentifierInCommon() {
        String a = person("d1-a", "陈静", "杭州云栖科技有限公司", null, Identifier.phone("13922220001"));
        String b = person("d1-b", "陈静", "杭州云栖科技", null, Identifier.email("chen.jing@yunqi-d1.cn"));
        String c = person("d1-c", "Alice Chen", "Acme Co., Ltd.", null, Identifier.phone("13922220002"));
        String d = person("d1-d", "alice chen", "ACME", null, Identifier.email("alice@acme-d1.com"));
        String e = person("d1-e", "王磊", "北辰贸易有限公司", null, Identifier.phone("13922220003"));
        String f = person("d1-f", "王磊", "南山物流有限公司", null, Identifier.email("wang.lei@nanshan-d1.cn"));

        List<List<String>> groups = groups(SALES_KEY);

        assertThat(groups).contains(List.of(a, b), List.of(c, d));
        assertThat(groups).noneMatch(g -> g.contains(e) || g.contains(f));
        JsonNode chen = group(SALES_KEY, a);
        assertThat(chen.path("name").asText()).isEqualTo("陈静");
        assertThat(chen.path("company").asText()).isEqualTo("杭州云栖科技有限公司");
        assertThat(chen.path("profiles").get(1).path("emails").get(0).asText()).isEqualTo("chen.jing@yunqi-d1.cn");
        assertThat(chen.path("pairs")).hasSize(1);
    }

    @Test
    void leavesOutAPairSomeoneSplitApart() {
        String a = person("d2-a", "赵敏", "光明乳业", null, Identifier.phone("13922220011"));
        String b = person("d2-b", "赵敏", "光明乳业股份有限公司", null, Identifier.email("zhao.min@guangming-d2.cn"));
        assertThat(groups(SALES_KEY)).contains(List.of(a, b));
        String pair = a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
        docs.put(names.state(), StateDoc.id(NeverMergePairs.SCOPE, pair),
                new StateDoc(NeverMergePairs.SCOPE, pair, "m-test", Instant.now()), true);

        assertThat(groups(SALES_KEY)).noneMatch(g -> g.contains(a) || g.contains(b));
    }

    @Test
    void aScopedSalespersonSeesOnlyGroupsOfTheirOwnProfiles() {
        String own1 = person("d3-a", "刘洋", "海川科技", "wang.fang", Identifier.phone("13922220021"));
        String own2 = person("d3-b", "刘洋", "海川科技有限公司", "wang.fang", Identifier.email("liu.yang@haichuan-d3.cn"));
        String mine = person("d3-c", "孙丽", "远景能源", "wang.fang", Identifier.phone("13922220022"));
        String theirs = person("d3-d", "孙丽", "远景能源", "li.lei", Identifier.email("sun.li@envision-d3.cn"));

        assertThat(groups(WANG_KEY)).contains(List.of(own1, own2)).noneMatch(g -> g.contains(mine) || g.contains(theirs));
        assertThat(groups(SALES_KEY)).contains(List.of(own1, own2), List.of(mine, theirs));
        assertThat(merge(mine, theirs, "same person", WANG_KEY).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aManualMergeIsAnOrdinaryMergeThatUndoRestores() {
        String a = person("d4-a", "周杰", "星河传媒", null, Identifier.phone("13922220031"));
        String b = person("d4-b", "周杰", "星河传媒有限公司", null, Identifier.email("zhou.jie@xinghe-d4.cn"));

        ResponseEntity<JsonNode> r = merge(b, a, "trade show and web form, same person", SALES_KEY);

        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(200);
        assertThat(r.getBody().path("survivor").asText()).isEqualTo(a);
        assertThat(r.getBody().path("merged").asText()).isEqualTo(b);
        String mergeId = r.getBody().path("mergeId").asText();
        JsonNode record = get("/api/v1/profiles/" + a + "/merges", SALES_KEY).get(0);
        assertThat(record.path("id").asText()).isEqualTo(mergeId);
        assertThat(record.path("connectorId").asText()).isEqualTo("manual");
        assertThat(record.path("recordKey").asText()).isEqualTo("manual-merge:" + min(a, b) + ":" + max(a, b));
        assertThat(texts(record.path("linkingIdentifiers")))
                .containsExactlyInAnyOrder("phone:+8613922220031", "email:zhou.jie@xinghe-d4.cn");
        assertThat(record.path("snapshots").has(b)).isTrue();
        JsonNode survivor = get("/api/v1/profiles/" + a, SALES_KEY);
        assertThat(texts(survivor.path("profile").path("phones"))).containsExactly("+8613922220031");
        assertThat(texts(survivor.path("profile").path("emails"))).containsExactly("zhou.jie@xinghe-d4.cn");
        assertThat(survivor.path("timeline").findValuesAsText("id")).contains("d4-a", "d4-b");
        assertThat(survivor.path("timeline").findValuesAsText("summary"))
                .contains("merged by sara: trade show and web form, same person");
        assertThat(claimOf("email:zhou.jie@xinghe-d4.cn")).isEqualTo(a);
        assertThat(groups(SALES_KEY)).noneMatch(g -> g.contains(a));
        assertThat(merge(a, b, "again", SALES_KEY).getStatusCode().value()).isEqualTo(409);

        ResponseEntity<JsonNode> undo = call(HttpMethod.POST, "/api/v1/profiles/" + a + "/merges/" + mergeId + "/undo",
                SALES_KEY, null, JsonNode.class);

        assertThat(undo.getStatusCode().value()).as("%s", undo.getBody()).isEqualTo(200);
        JsonNode restoredA = get("/api/v1/profiles/" + a, SALES_KEY);
        JsonNode restoredB = get("/api/v1/profiles/" + b, SALES_KEY);
        assertThat(texts(restoredA.path("profile").path("emails"))).isEmpty();
        assertThat(texts(restoredB.path("profile").path("emails"))).containsExactly("zhou.jie@xinghe-d4.cn");
        assertThat(texts(restoredB.path("profile").path("phones"))).isEmpty();
        assertThat(restoredB.path("timeline").findValuesAsText("id")).contains("d4-b").doesNotContain("d4-a");
        assertThat(restoredA.path("timeline").findValuesAsText("id")).contains("d4-a").doesNotContain("d4-b");
        // Both linking identifiers went back to whoever held them before: the merge borrowed them, nothing more.
        assertThat(claimOf("email:zhou.jie@xinghe-d4.cn")).isEqualTo(b);
        assertThat(claimOf("phone:+8613922220031")).isEqualTo(a);
        // The undo records a never-merge pair: the two are no suspects any more and cannot be merged by hand again.
        assertThat(groups(SALES_KEY)).noneMatch(g -> g.contains(a) || g.contains(b));
        ResponseEntity<JsonNode> again = merge(a, b, "again", SALES_KEY);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().path("detail").asText()).contains("never-merge");
    }

    @Test
    void refusesUnknownProfilesAndProfilesWithNoIdentifierLeft() {
        String a = person("d5-a", "吴昊", "天工科技", null, Identifier.phone("13922220041"));
        String b = person("d5-b", "吴昊", "天工科技", null, Identifier.phone("13922220042"));
        assertThat(merge(a, "p-nosuchprofile", "x", SALES_KEY).getStatusCode().value()).isEqualTo(404);
        assertThat(merge(a, b, " ", SALES_KEY).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> block = call(HttpMethod.POST, "/api/v1/identity/blocked", ADMIN_KEY,
                Map.of("identifier", "phone:13922220042", "reason", "switchboard"), JsonNode.class);
        assertThat(block.getStatusCode().is2xxSuccessful()).as("%s", block.getBody()).isTrue();

        ResponseEntity<JsonNode> r = merge(a, b, "same person", SALES_KEY);

        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(r.getBody().path("detail").asText()).contains(b).contains("no identifier that may link it");
    }

    private String person(String key, String name, String company, String owner, Identifier id) {
        Instant at = Instant.now();
        Lead lead = new Lead(name, company, null, null, List.of(id), "test", List.of(), null, owner, Map.of(), at);
        var result = ingest.submit("test", List.of(new SourceRecord(key, "1", lead,
                new Interaction(key, "reply", "wecom", at, key, Map.of()))));
        assertThat(result.created()).isEqualTo(1);
        String q = id.type() == io.kehu.api.domain.IdentifierType.PHONE ? "%2B86" + id.value() : id.value();
        JsonNode hits = get("/api/v1/profiles?q=" + q, ADMIN_KEY);
        assertThat(hits.path("items")).hasSize(1);
        return hits.path("items").get(0).path("id").asText();
    }

    private ResponseEntity<JsonNode> merge(String id, String with, String reason, String key) {
        return call(HttpMethod.POST, "/api/v1/profiles/" + id + "/merge", key, Map.of("with", with, "reason", reason),
                JsonNode.class);
    }

    /** Every group's profile ids, in listed order (oldest first). */
    private List<List<String>> groups(String key) {
        List<List<String>> out = new ArrayList<>();
        get("/api/v1/identity/suspects?size=100", key).path("groups")
                .forEach(g -> out.add(g.path("profiles").findValuesAsText("id")));
        return out;
    }

    private JsonNode group(String key, String member) {
        for (JsonNode g : get("/api/v1/identity/suspects?size=100", key).path("groups")) {
            if (g.path("profiles").findValuesAsText("id").contains(member)) {
                return g;
            }
        }
        throw new AssertionError("no group with " + member);
    }

    private String claimOf(String key) {
        return docs.get(names.identifiers(), key, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    private JsonNode get(String path, String key) {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, path, key, null, JsonNode.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).as("GET %s answered %s", path, r.getStatusCode()).isTrue();
        return r.getBody();
    }

    private static String min(String a, String b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a.compareTo(b) <= 0 ? b : a;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.IngestResult;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.ProfileStore;
import io.kehu.search.StateDoc;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.lifecycle.StoredProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Undoing a merge (拆分) through the REST API against the real embedded node: A has a phone, B an e-mail,
 * and a third row carrying both merged them. Each test uses its own phones and e-mails.
 */
class MergeUndoIT extends HubTestSupport {

    static final Path ROOT = tempRoot("merge-undo");

    @Autowired
    IngestService ingest;
    @Autowired
    Documents docs;
    @Autowired
    IndexNames names;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        hubProperties(registry, MergeUndoIT.class, ROOT);
        registry.add("hub.lifecycle.sweep-interval", () -> "0");
    }

    /** Two people and the row that merged them; {@code a} and {@code b} are their profile ids. */
    private record Merged(String a, String b, String mergeId, String phone, String email) {
    }

    private Merged mergeTwoPeople(String phone, String email, String tag) {
        submit(row(tag + "-a", "张伟", "reply", Instant.now().minusSeconds(7200), Identifier.phone(phone)));
        submit(row(tag + "-b", "李娜", "contract", Instant.now().minusSeconds(3600), Identifier.email(email)));
        String a = idOf("%2B86" + phone);
        String b = idOf(email);
        assertThat(a).isNotEqualTo(b);
        IngestResult r = submit(row(tag + "-c", null, "form", Instant.now(), Identifier.phone(phone), Identifier.email(email)));
        assertThat(r.merged()).isEqualTo(1);
        JsonNode merges = get("/api/v1/profiles/" + a + "/merges");
        assertThat(merges.get(0).path("merged").get(0).asText()).isEqualTo(b);
        return new Merged(a, b, merges.get(0).path("id").asText(), "+86" + phone, email);
    }

    @Test
    void undoRestoresBothPeopleWithTheirOwnIdentifiersTimelinesNamesAndLifecycles() {
        Merged m = mergeTwoPeople("13911110001", "li.na@undo-one.cn", "u1");
        JsonNode before = profile(m.a()).path("lifecycle");
        assertThat(before.path("stage").path("id").asText()).isEqualTo("customer");

        ResponseEntity<JsonNode> r = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        JsonNode a = profile(m.a());
        JsonNode b = profile(m.b());
        assertThat(a.has("redirectedFrom")).isFalse();
        assertThat(b.has("redirectedFrom")).isFalse();
        assertThat(texts(a.path("profile").path("phones"))).containsExactly(m.phone());
        assertThat(texts(a.path("profile").path("emails"))).isEmpty();
        assertThat(texts(a.path("profile").path("names"))).containsExactly("张伟");
        assertThat(texts(a.path("profile").path("mergedFrom"))).isEmpty();
        assertThat(texts(b.path("profile").path("emails"))).containsExactly(m.email());
        assertThat(texts(b.path("profile").path("phones"))).isEmpty();
        assertThat(b.path("profile").path("name").asText()).isEqualTo("李娜");
        // Interactions keep the profile they were written with: the merging row's stays with the survivor.
        assertThat(a.path("timeline").findValuesAsText("id")).contains("u1-a", "u1-c").doesNotContain("u1-b");
        assertThat(b.path("timeline").findValuesAsText("id")).contains("u1-b").doesNotContain("u1-a", "u1-c");
        assertThat(claimOf("phone:" + m.phone())).isEqualTo(m.a());
        assertThat(claimOf("email:" + m.email())).isEqualTo(m.b());
        // Each lifecycle follows its own timeline: the contract was B's.
        assertThat(a.path("lifecycle").path("stage").path("id").asText()).isEqualTo("engaged");
        assertThat(b.path("lifecycle").path("stage").path("id").asText()).isEqualTo("customer");
        assertThat(a.path("lifecycle").path("engagement").asInt()).isLessThan(before.path("engagement").asInt());
        assertThat(b.path("lifecycle").path("engagement").asInt()).isLessThan(before.path("engagement").asInt());
        assertThat(a.path("stageHistory").get(0).path("to").asText()).isEqualTo("engaged");
        assertThat(a.path("stageHistory").get(0).path("by").asText()).isEqualTo("undo:sara");
        JsonNode merge = get("/api/v1/profiles/" + m.a() + "/merges").get(0);
        assertThat(merge.path("undo").path("state").asText()).isEqualTo("done");
        assertThat(merge.path("undo").path("by").asText()).isEqualTo("sara");
        assertThat(merge.path("undo").path("at").asText()).isNotEmpty();
        assertThat(get("/api/v1/profiles/" + m.b() + "/merges").findValuesAsText("id")).contains(m.mergeId());
    }

    @Test
    void afterAnUndoTheLinkingRowsNoLongerMergeThemAndAnEmailOnlyRowFindsTheRestoredProfile() {
        Merged m = mergeTwoPeople("13911110002", "li.na@undo-two.cn", "u2");
        assertThat(undo(m.a(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(200);

        IngestResult again = submit(
                row("u2-c", null, "form", Instant.now(), Identifier.phone(m.phone()), Identifier.email(m.email())),
                row("u2-d", "张伟", "meeting", Instant.now(), Identifier.phone(m.phone()), Identifier.email(m.email())));
        IngestResult emailOnly = submit(row("u2-e", null, "reply", Instant.now(), Identifier.email(m.email())));

        assertThat(again.merged()).isZero();
        assertThat(again.rejected()).isEmpty();
        assertThat(emailOnly.created()).isZero();
        assertThat(call(HttpMethod.GET, "/api/v1/profiles?q=" + m.email(), SALES_KEY, null, JsonNode.class)
                .getBody().path("total").asLong()).isEqualTo(1);
        JsonNode a = profile(m.a());
        JsonNode b = profile(m.b());
        assertThat(texts(a.path("profile").path("emails"))).isEmpty();
        assertThat(texts(b.path("profile").path("phones"))).isEmpty();
        assertThat(a.path("timeline").findValuesAsText("id")).contains("u2-d");
        assertThat(b.path("timeline").findValuesAsText("id")).contains("u2-e").doesNotContain("u2-d");
        assertThat(claimOf("email:" + m.email())).isEqualTo(m.b());
        assertThat(get("/api/v1/profiles/" + m.a() + "/merges")).hasSize(1);
    }

    @Test
    void theNeverMergePairIsListedAndAnAdminRemovingItLetsTheNextLinkingRowMergeThemAgain() {
        Merged m = mergeTwoPeople("13911110009", "zhou.min@undo-pair.cn", "u9");
        assertThat(undo(m.a(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode pairs = get("/api/v1/identity/never-merge?profile=" + m.b());
            assertThat(pairs).hasSize(1);
            assertThat(List.of(pairs.get(0).path("a").asText(), pairs.get(0).path("b").asText()))
                    .containsExactlyInAnyOrder(m.a(), m.b());
            assertThat(pairs.get(0).path("mergeId").asText()).isEqualTo(m.mergeId());
        });
        String pair = "/api/v1/identity/never-merge?a=" + m.a() + "&b=" + m.b();
        assertThat(call(HttpMethod.DELETE, pair, SALES_KEY, null, String.class).getStatusCode().value()).isEqualTo(403);
        assertThat(call(HttpMethod.DELETE, pair, ADMIN_KEY, null, String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(call(HttpMethod.DELETE, pair, ADMIN_KEY, null, String.class).getStatusCode().value()).isEqualTo(404);

        IngestResult again = submit(
                row("u9-c", null, "form", Instant.now(), Identifier.phone(m.phone()), Identifier.email(m.email())));

        assertThat(again.merged()).as("nothing keeps them apart any more").isEqualTo(1);
    }

    @Test
    void aBlockedLinkingIdentifierLinksNobodyAgain() {
        Merged m = mergeTwoPeople("13911110003", "li.na@undo-three.cn", "u3");
        String key = "phone:" + m.phone();

        ResponseEntity<JsonNode> r = undo(m.a(), m.mergeId(), Map.of("linking", Map.of(key, "block")), SALES_KEY);

        assertThat(r.getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/v1/identity/blocked").findValuesAsText("key")).contains(key);
        IngestResult phoneOnly = submit(row("u3-f", "王芳", "reply", Instant.now(), Identifier.phone(m.phone())));
        assertThat(phoneOnly.rejected()).singleElement()
                .satisfies(rej -> assertThat(rej.reason()).contains("blocked"));
        IngestResult withNewEmail = submit(row("u3-g", "王芳", "reply", Instant.now(), Identifier.phone(m.phone()),
                Identifier.email("wang.fang@undo-three.cn")));
        assertThat(withNewEmail.created()).isEqualTo(1);
        String wang = idOf("wang.fang@undo-three.cn");
        assertThat(wang).isNotIn(m.a(), m.b());
        assertThat(texts(profile(wang).path("profile").path("phones"))).isEmpty();
        assertThat(profile(m.a()).path("timeline").findValuesAsText("id")).doesNotContain("u3-f", "u3-g");
    }

    @Test
    void adminsAddAndRemoveBlockedIdentifiersAndSalesMayOnlyList() {
        assertThat(call(HttpMethod.POST, "/api/v1/identity/blocked", SALES_KEY,
                Map.of("identifier", "phone:010 8888 6666"), JsonNode.class).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<JsonNode> added = call(HttpMethod.POST, "/api/v1/identity/blocked", ADMIN_KEY,
                Map.of("identifier", "phone:010 8888 6666", "reason", "switchboard"), JsonNode.class);
        assertThat(added.getStatusCode().value()).isEqualTo(201);
        assertThat(added.getBody().path("key").asText()).isEqualTo("phone:+861088886666");
        IngestResult blocked = submit(row("u4-a", "赵六", "reply", Instant.now(), Identifier.phone("010-88886666")));
        assertThat(blocked.rejected()).hasSize(1);

        assertThat(call(HttpMethod.DELETE, "/api/v1/identity/blocked/phone:+861088886666", ADMIN_KEY, null,
                JsonNode.class).getStatusCode().value()).isEqualTo(204);
        assertThat(get("/api/v1/identity/blocked").findValuesAsText("key")).doesNotContain("phone:+861088886666");
        assertThat(submit(row("u4-b", "赵六", "reply", Instant.now(), Identifier.phone("010-88886666"))).created())
                .isEqualTo(1);
    }

    @Test
    void unknownProfilesAndMergesAre404AndARepeatedUndoIs409() {
        Merged m = mergeTwoPeople("13911110005", "li.na@undo-five.cn", "u5");

        assertThat(undo(m.a(), "m-nosuchmerge", null, SALES_KEY).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<JsonNode> stranger = undo("p-stranger", m.mergeId(), null, SALES_KEY);
        assertThat(stranger.getStatusCode().value()).isEqualTo(404);
        assertThat(stranger.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        ResponseEntity<JsonNode> badChoice = undo(m.a(), m.mergeId(),
                Map.of("linking", Map.of("email:someone@else.cn", "block")), SALES_KEY);
        assertThat(badChoice.getStatusCode().value()).isEqualTo(400);

        assertThat(undo(m.b(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<JsonNode> again = undo(m.a(), m.mergeId(), null, SALES_KEY);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody().path("detail").asText()).contains("already undone");
    }

    @Test
    void aSurvivorMergedAgainLaterMustBeSplitFromItsNewSurvivorFirst() {
        Merged m = mergeTwoPeople("13911110006", "li.na@undo-six.cn", "u6");
        // An older profile with another phone; a row with both phones folds the survivor into it.
        submit(row("u6-x", "张伟", "reply", Instant.parse("2024-01-01T00:00:00Z"), Identifier.phone("13911110066")));
        String x = idOf("%2B8613911110066");
        submit(row("u6-y", null, "form", Instant.now(), Identifier.phone(m.phone()), Identifier.phone("13911110066")));
        String laterMerge = get("/api/v1/profiles/" + x + "/merges").get(0).path("id").asText();

        ResponseEntity<JsonNode> refused = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().path("detail").asText()).contains(x, laterMerge);
        assertThat(undo(x, laterMerge, null, SALES_KEY).getStatusCode().value()).isEqualTo(200);
        assertThat(undo(m.a(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(200);
        assertThat(claimOf("email:" + m.email())).isEqualTo(m.b());
        assertThat(claimOf("phone:" + m.phone())).isEqualTo(m.a());
        assertThat(claimOf("phone:+8613911110066")).isEqualTo(x);
    }

    @Test
    void aRestoredIdThatExistsAgainOrAClaimThatMovedSinceIs409AndNothingIsWritten() {
        Merged m = mergeTwoPeople("13911110009", "li.na@undo-nine.cn", "u9");
        MergeDoc merge = docs.get(names.merges(), m.mergeId(), MergeDoc.class).orElseThrow().source();
        docs.put(names.profiles(), m.b(), new StoredProfile(merge.snapshots().get(m.b()), null), true);

        ResponseEntity<JsonNode> exists = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(exists.getStatusCode().value()).isEqualTo(409);
        assertThat(exists.getBody().path("detail").asText()).contains(m.b(), "exists again");
        docs.delete(names.profiles(), m.b());
        String key = "email:" + m.email();
        docs.put(names.identifiers(), key, new IdentifierDoc(key, "email", "p-someone-else", "test", "x", Instant.now()),
                true);

        ResponseEntity<JsonNode> moved = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(moved.getStatusCode().value()).isEqualTo(409);
        assertThat(moved.getBody().path("detail").asText()).contains(key, "p-someone-else");
        assertThat(docs.get(names.merges(), m.mergeId(), MergeDoc.class).orElseThrow().source().undo()).isNull();
    }

    @Test
    void aRepeatAfterACrashRightAfterTheStartFinishesWithTheFirstAttemptsChoices() {
        Merged m = mergeTwoPeople("13911110007", "li.na@undo-seven.cn", "u7");
        String key = "phone:" + m.phone();
        // The first attempt recorded its start (and its choice) and the process died.
        MergeDoc merge = docs.get(names.merges(), m.mergeId(), MergeDoc.class).orElseThrow().source();
        docs.put(names.merges(), m.mergeId(), merge.withUndo(new MergeDoc.Undo(MergeDoc.Undo.STARTED, "sara",
                Instant.now(), null, Map.of(key, "block"))), true);

        ResponseEntity<JsonNode> repeat = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(repeat.getStatusCode().value()).isEqualTo(200);
        assertThat(repeat.getBody().path("merge").path("undo").path("state").asText()).isEqualTo("done");
        assertThat(get("/api/v1/identity/blocked").findValuesAsText("key")).contains(key);
        assertThat(claimOf("email:" + m.email())).isEqualTo(m.b());
        assertThat(texts(profile(m.b()).path("profile").path("emails"))).containsExactly(m.email());
    }

    @Test
    void aRepeatAfterACrashBeforeTheLastWriteFinishesAndKeepsWhatWasWrittenToTheRestoredProfileSince() {
        Merged m = mergeTwoPeople("13911110008", "li.na@undo-eight.cn", "u8");
        assertThat(undo(m.a(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(200);
        // As if the last bulk (redirect removal, merge record done) had never been written.
        MergeDoc done = docs.get(names.merges(), m.mergeId(), MergeDoc.class).orElseThrow().source();
        MergeDoc.Undo u = done.undo();
        docs.put(names.merges(), m.mergeId(), done.withUndo(new MergeDoc.Undo(MergeDoc.Undo.STARTED, u.by(),
                u.startedAt(), null, u.linking())), true);
        docs.put(names.state(), StateDoc.id(ProfileStore.MERGED_INTO, m.b()),
                new StateDoc(ProfileStore.MERGED_INTO, m.b(), m.a(), Instant.now()), true);
        submit(row("u8-e", "Li Na", "reply", Instant.now(), Identifier.email(m.email())));

        ResponseEntity<JsonNode> repeat = undo(m.a(), m.mergeId(), null, SALES_KEY);

        assertThat(repeat.getStatusCode().value()).isEqualTo(200);
        assertThat(docs.get(names.state(), StateDoc.id(ProfileStore.MERGED_INTO, m.b()), StateDoc.class)).isEmpty();
        JsonNode b = profile(m.b());
        assertThat(texts(b.path("profile").path("names"))).contains("李娜", "Li Na");
        assertThat(b.path("timeline").findValuesAsText("id")).contains("u8-b", "u8-e");
        assertThat(get("/api/v1/profiles/" + m.a() + "/merges").get(0).path("undo").path("state").asText())
                .isEqualTo("done");
        assertThat(undo(m.a(), m.mergeId(), null, SALES_KEY).getStatusCode().value()).isEqualTo(409);
    }

    private ResponseEntity<JsonNode> undo(String profileId, String mergeId, Object body, String key) {
        return call(HttpMethod.POST, "/api/v1/profiles/" + profileId + "/merges/" + mergeId + "/undo", key, body,
                JsonNode.class);
    }

    private IngestResult submit(SourceRecord... rows) {
        return ingest.submit("test", List.of(rows));
    }

    private static SourceRecord row(String key, String name, String type, Instant at, Identifier... ids) {
        Lead lead = new Lead(name, "华信科技", null, null, List.of(ids), "test", List.of(), null, null, Map.of(), at);
        return new SourceRecord(key, "1", lead, new Interaction(key, type, "wecom", at, key, Map.of()));
    }

    private String idOf(String query) {
        JsonNode hits = call(HttpMethod.GET, "/api/v1/profiles?q=" + query, SALES_KEY, null, JsonNode.class).getBody();
        assertThat(hits.path("items")).hasSize(1);
        return hits.path("items").get(0).path("id").asText();
    }

    private String claimOf(String key) {
        return docs.get(names.identifiers(), key, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    private JsonNode profile(String id) {
        return get("/api/v1/profiles/" + id);
    }

    private JsonNode get(String path) {
        ResponseEntity<JsonNode> r = call(HttpMethod.GET, path, SALES_KEY, null, JsonNode.class);
        assertThat(r.getStatusCode().is2xxSuccessful()).as("GET %s answered %s", path, r.getStatusCode()).isTrue();
        return r.getBody();
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

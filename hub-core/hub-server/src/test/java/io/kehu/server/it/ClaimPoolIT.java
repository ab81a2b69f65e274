package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.OutboxDoc;
import io.kehu.search.PoolDoc;
import io.kehu.server.claims.ClaimPoolStore;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The claim pool (抢单) against the real node: routing offers a lead instead of delivering it, salespeople list
 * and claim it with their own keys, the winner is written on the profile and the lead reaches the CRM with that
 * owner; an unclaimed lead falls to the rule's fallback at its deadline; of two claims at once exactly one wins;
 * a claim cut short before the outbox is finished by the claim check.
 */
class ClaimPoolIT extends HubTestSupport {

    static final Path ROOT = tempRoot("claims");
    static final TestCrm CRM = new TestCrm("session", "upsert");
    static final String ANA_KEY = "test-sales-ana-5c1e";
    static final String BEN_KEY = "test-sales-ben-8d2f";

    @Autowired
    IngestService ingest;

    @Autowired
    Outbox outbox;

    @Autowired
    ClaimPoolStore store;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, ClaimPoolIT.class, ROOT);
        // Two salespeople's own keys, tied to their owner ids, besides the shared ones (sara's is tied to none).
        registry.add("hub.security.api-keys", () -> String.join(",", "admin:admin:" + hash(ADMIN_KEY),
                "ivan:integrator:" + hash(INTEGRATOR_KEY), "sara:sales:" + hash(SALES_KEY),
                "ana:sales:" + hash(ANA_KEY) + ":ana", "ben:sales:" + hash(BEN_KEY) + ":ben"));
        TestPlugins.build(ROOT.resolve("plugins"), "crm", "1.0.0", ">=1.0.0 & <2.0.0", "test.crm.CrmDestination",
                TestPlugins.CRM_DESTINATION);
        Files.writeString(ROOT.resolve("connectors/crm-pool.yml"), """
                id: crm-pool
                type: crm-test
                config: { url: %s, apiKey: test-key }
                """.formatted(CRM.url()));
        Files.writeString(ROOT.resolve("routing.yml"), """
                version: 1
                match: first
                owners:
                  - { id: ana, name: Ana, remoteIds: { crm-pool: U-ana } }
                  - { id: ben, name: Ben, remoteIds: { crm-pool: U-ben } }
                  - { id: cai, name: Cai, remoteIds: { crm-pool: U-cai } }
                  - { id: ops, name: Ops, remoteIds: { crm-pool: U-ops } }
                defaultAssignee: ops
                rules:
                  - id: fair
                    when: { tags: [fair] }
                    destinations:
                      - instance: crm-pool
                        required: [LastName]
                        fields: { LastName: name, Email: emails }
                    assignment:
                      strategy: claimPool
                      params: { owners: [ana, ben], timeout: 1h }
                      fallback: cai
                  - id: quick
                    when: { tags: [quick] }
                    destinations:
                      - instance: crm-pool
                        required: [LastName]
                        fields: { LastName: name }
                    assignment:
                      strategy: claimPool
                      params: { owners: [ana, ben], timeout: 1s, requeues: 0 }
                      fallback: cai
                """);
        registry.add("hub.routing-file", () -> ROOT.resolve("routing.yml").toString());
        registry.add("hub.routing.interval", () -> "0");
        registry.add("hub.routing.min-gap", () -> "1s");
        registry.add("hub.routing.claim-check-interval", () -> "500ms");
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void aPooledLeadIsDeliveredOnlyOnceClaimedWithItsClaimerAsOwnerAndASecondClaimIsRefused() {
        String id = lead("13700000001", "fair", "first@example.cn");
        JsonNode listed = awaitListed(ANA_KEY, id);
        assertThat(listed.path("ruleId").asText()).isEqualTo("fair");
        assertThat(listed.path("profile").path("name").asText()).isEqualTo("吴01");
        assertThat(listed.path("profile").has("phones")).as("contact details come with the claim").isFalse();
        String deadline = listed.path("deadline").asText();
        assertThat(outbox.get("crm-pool", id)).as("nothing is delivered before a claim").isEmpty();

        // The profile changes and is routed again: still offered once, with the same deadline.
        lead("13700000001", "fair", "second@example.cn");
        await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.POST, "/api/v1/routing/run", ADMIN_KEY,
                null, JsonNode.class).getStatusCode().value() == 200);
        assertThat(awaitListed(BEN_KEY, id).path("deadline").asText()).isEqualTo(deadline);
        assertThat(outbox.get("crm-pool", id)).isEmpty();

        assertThat(call(HttpMethod.GET, "/api/v1/claims?owner=ben", ANA_KEY, null, JsonNode.class).getStatusCode()
                .value()).as("a sales key lists its own owner's leads only").isEqualTo(403);
        assertThat(claim(id, SALES_KEY, null).getStatusCode().value()).as("a key tied to no owner").isEqualTo(403);
        ResponseEntity<JsonNode> forOther = claim(id, ANA_KEY, "ben");
        assertThat(forOther.getStatusCode().value()).as("a sales key claims for its own owner only").isEqualTo(403);
        assertThat(forOther.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(claim(id, INTEGRATOR_KEY, "cai").getStatusCode().value()).as("cai is not eligible").isEqualTo(403);
        assertThat(claim(id, INTEGRATOR_KEY, "nobody").getStatusCode().value()).isEqualTo(422);

        ResponseEntity<JsonNode> won = claim(id, BEN_KEY, null);
        assertThat(won.getStatusCode().value()).isEqualTo(200);
        assertThat(won.getBody().path("owner").asText()).isEqualTo("ben");
        ResponseEntity<JsonNode> late = claim(id, ANA_KEY, null);
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(claim(id, BEN_KEY, null).getStatusCode().value()).as("a retried claim is still ben's").isEqualTo(200);

        assertThat(profileOwner(id)).isEqualTo("ben");
        OutboxDoc queued = outbox.get("crm-pool", id).orElseThrow();
        assertThat(queued.owner()).isEqualTo("U-ben");
        assertThat(queued.fields()).containsEntry("LastName", "吴01");
        await().atMost(Duration.ofSeconds(30)).until(() -> CRM.upsertsOf("kehu-" + id).size() == 1);
        assertThat(CRM.upsertsOf("kehu-" + id).get(0).getBodyAsString()).contains("\"owner\":\"U-ben\"");
        assertThat(listedIds(ANA_KEY)).doesNotContain(id);
        assertThat(claim("no-such-profile", ANA_KEY, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void anUnclaimedLeadFallsToTheRuleFallbackAtItsDeadlineAndIsQueuedWithThatOwner() {
        String id = lead("13700000002", "quick", "quick@example.cn");

        OutboxDoc queued = await().atMost(Duration.ofSeconds(30)).until(() -> outbox.get("crm-pool", id),
                Optional::isPresent).orElseThrow();

        assertThat(queued.owner()).isEqualTo("U-cai");
        assertThat(profileOwner(id)).isEqualTo("cai");
        ResponseEntity<JsonNode> tooLate = claim(id, ANA_KEY, null);
        assertThat(tooLate.getStatusCode().value()).isEqualTo(410);
        assertThat(tooLate.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(profileOwner(id)).isEqualTo("cai");
    }

    @Test
    void ofTwoClaimsAtOnceExactlyOneWinsAndOnlyTheWinnerIsRecorded() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            ids.add(lead("137000000" + i, "fair", "race" + i + "@example.cn"));
        }
        for (String id : ids) {
            awaitListed(ANA_KEY, id);
        }
        for (String id : ids) {
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<ResponseEntity<JsonNode>> ana = CompletableFuture.supplyAsync(() -> claimAt(start, id, ANA_KEY));
            CompletableFuture<ResponseEntity<JsonNode>> ben = CompletableFuture.supplyAsync(() -> claimAt(start, id, BEN_KEY));
            List<Integer> statuses = List.of(ana.get().getStatusCode().value(), ben.get().getStatusCode().value());

            assertThat(statuses).as("lead " + id).containsExactlyInAnyOrder(200, 409);
            String winner = ana.get().getStatusCode().value() == 200 ? "ana" : "ben";
            assertThat(profileOwner(id)).isEqualTo(winner);
            assertThat(outbox.get("crm-pool", id)).hasValueSatisfying(o -> assertThat(o.owner()).isEqualTo("U-" + winner));
        }
    }

    @Test
    void aClaimCutShortBeforeTheOutboxIsFinishedByTheClaimCheck() {
        // No rule matches "plain": the lead is only in the pool because the document below says so.
        String id = lead("13700000003", "plain", "cut@example.cn");
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        store.write(null, new PoolDoc(id, "fair", 1, List.of("ana", "ben"),
                List.of(new PoolDoc.Destination("fair", "crm-pool")), PoolDoc.OPEN, hourAgo.minusSeconds(60),
                hourAgo.plus(Duration.ofHours(2)), 0, null, null, null, null, hourAgo)
                .settled(PoolDoc.CLAIMED, "ana", "CLAIMED", hourAgo));

        OutboxDoc queued = await().atMost(Duration.ofSeconds(30)).until(() -> outbox.get("crm-pool", id),
                Optional::isPresent).orElseThrow();

        assertThat(queued.owner()).isEqualTo("U-ana");
        assertThat(profileOwner(id)).isEqualTo("ana");
        assertThat(store.get(id).orElseThrow().source().enqueuedAt()).isNotNull();
    }

    /** Ingests a lead and returns its profile id. */
    private String lead(String phone, String tag, String email) {
        Lead lead = new Lead("吴" + phone.substring(phone.length() - 2), null, null, null,
                List.of(Identifier.phone(phone), Identifier.email(email)), "fair-form", List.of(tag), null, null,
                Map.of(), null);
        ingest.submit("claims", List.of(new SourceRecord("claims:" + phone + ":" + email, "1", lead, null)));
        JsonNode found = call(HttpMethod.GET, "/api/v1/profiles?q=" + phone, SALES_KEY, null, JsonNode.class).getBody();
        return found.path("items").get(0).path("id").asText();
    }

    private JsonNode awaitListed(String key, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> listed(key, id), Optional::isPresent).orElseThrow();
    }

    private Optional<JsonNode> listed(String key, String id) {
        JsonNode page = call(HttpMethod.GET, "/api/v1/claims?size=100", key, null, JsonNode.class).getBody();
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(i -> i.path("profileId").asText().equals(id)).findFirst();
    }

    private List<String> listedIds(String key) {
        JsonNode page = call(HttpMethod.GET, "/api/v1/claims?size=100", key, null, JsonNode.class).getBody();
        return page.path("items").findValuesAsText("profileId");
    }

    private ResponseEntity<JsonNode> claim(String id, String key, String owner) {
        return call(HttpMethod.POST, "/api/v1/claims/" + id, key, owner == null ? Map.of() : Map.of("owner", owner),
                JsonNode.class);
    }

    private ResponseEntity<JsonNode> claimAt(CyclicBarrier start, String id, String key) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return claim(id, key, null);
    }

    private String profileOwner(String id) {
        return call(HttpMethod.GET, "/api/v1/profiles/" + id, SALES_KEY, null, JsonNode.class).getBody()
                .path("profile").path("owner").asText(null);
    }
}

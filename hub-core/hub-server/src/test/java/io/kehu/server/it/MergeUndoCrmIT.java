package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.MergeDoc;
import io.kehu.search.OutboxDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.routing.RoutingService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Undoing a merge gives the restored person their CRM record back. Two people are routed to a test CRM (one
 * record per call), a linking row merges them, routing carries the record over, a salesperson undoes the
 * merge through the API; what the CRM receives afterwards says whose record is whose.
 */
class MergeUndoCrmIT extends HubTestSupport {

    static final Path ROOT = tempRoot("merge-undo-crm");
    static final TestCrm CRM = new TestCrm("session", "upsert");

    @Autowired
    IngestService ingest;
    @Autowired
    Outbox outbox;
    @Autowired
    Documents docs;
    @Autowired
    IndexNames names;
    @Autowired
    RoutingService routing;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, MergeUndoCrmIT.class, ROOT);
        CRM.oneDestinationHub(registry, ROOT, 1);
        registry.add("hub.lifecycle.sweep-interval", () -> "0");
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void afterTheUndoTheRestoredPersonsOriginalRecordIsUpdatedWithTheirDataAndTheSurvivorGetsItsOwn() {
        // The older profile (the survivor to be) qualifies for no rule yet: only the newer one has a record.
        String survivor = ingest("c1", "13700000031", "older@undo-crm.cn", null);
        String restored = ingest("c2", "13700000032", "newer@undo-crm.cn", "quote");
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(restored)).size() == 1);
        awaitDelivered(restored);
        assertThat(ingest("c3", "13700000031", "newer@undo-crm.cn", "quote")).isEqualTo(survivor);
        // Carried over: the survivor's data went into the restored person's record.
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(restored)).size() == 2);
        assertThat(body(CRM.upsertsOf(key(restored)).get(1))).contains("older@undo-crm.cn");
        awaitDelivered(survivor);

        String mergeId = undo(survivor);

        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(survivor)).size() == 1
                && CRM.upsertsOf(key(restored)).size() >= 3);
        List<LoggedRequest> theirs = CRM.upsertsOf(key(restored));
        assertThat(theirs.subList(1, theirs.size())).as("only updates of the original record")
                .allSatisfy(r -> assertThat(body(r)).contains("\"id\":\"L-" + key(restored) + "\""));
        assertThat(body(theirs.get(theirs.size() - 1))).contains("newer@undo-crm.cn", "\"owner\":\"A-ana\"")
                .doesNotContain("older@undo-crm.cn");
        String own = body(CRM.upsertsOf(key(survivor)).get(0));
        assertThat(own).as("the survivor's own new record").doesNotContain("\"id\":")
                .contains("older@undo-crm.cn").doesNotContain("newer@undo-crm.cn");
        assertThat(awaitDelivered(restored).remoteId()).isEqualTo("L-" + key(restored));
        OutboxDoc survivors = awaitDelivered(survivor);
        assertThat(survivors.remoteId()).isEqualTo("L-" + key(survivor));
        assertThat(survivors.recordKey()).isEqualTo(key(survivor));
        // A routing run that read the merge before the undo began carries nothing over again.
        assertThat(outbox.carryOver(List.of(new Outbox.Merge(mergeId, restored, survivor)))).isZero();
        assertThat(outbox.get("crm-a", restored).orElseThrow().status()).isEqualTo(OutboxDoc.DELIVERED);
        assertThat(outbox.ofProfile(survivor)).singleElement().extracting(OutboxDoc::recordKey).isEqualTo(key(survivor));

        // Repeated after a crash just before it said done, the undo finds every record where it put them.
        MergeDoc merge = docs.get(names.merges(), mergeId, MergeDoc.class).orElseThrow().source();
        MergeDoc.Undo u = merge.undo();
        docs.put(names.merges(), mergeId, merge.withUndo(new MergeDoc.Undo(MergeDoc.Undo.STARTED, u.by(), u.startedAt(),
                null, u.linking())), true);
        OutboxDoc theirsBefore = outbox.get("crm-a", restored).orElseThrow();
        assertThat(undo(survivor)).isEqualTo(mergeId);
        assertThat(outbox.get("crm-a", restored)).contains(theirsBefore);
        assertThat(outbox.ofProfile(survivor)).singleElement().extracting(OutboxDoc::recordKey).isEqualTo(key(survivor));
    }

    @Test
    void whenTheSurvivorHadItsOwnRecordItKeepsItAndTheRestoredPersonsRecordIsUpdatedAgain() {
        String survivor = ingest("o1", "13700000041", "first@undo-crm.cn", "quote");
        String restored = ingest("o2", "13700000042", "second@undo-crm.cn", "quote");
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(survivor)).size() == 1
                && CRM.upsertsOf(key(restored)).size() == 1);
        awaitDelivered(survivor);
        awaitDelivered(restored);
        assertThat(ingest("o3", "13700000041", "second@undo-crm.cn", null)).isEqualTo(survivor);
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(survivor)).size() == 2);
        awaitDelivered(survivor);

        undo(survivor);
        // The restored person moves on: their record, no longer updated while merged, follows again.
        ingestEmailOnly("o4", "second@undo-crm.cn", "contract");

        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key(survivor)).size() == 3
                && CRM.upsertsOf(key(restored)).size() == 2);
        List<LoggedRequest> survivors = CRM.upsertsOf(key(survivor));
        assertThat(body(survivors.get(2))).as("the survivor's record without the restored person's e-mail")
                .contains("\"id\":\"L-" + key(survivor) + "\"", "first@undo-crm.cn").doesNotContain("second@undo-crm.cn");
        assertThat(body(CRM.upsertsOf(key(restored)).get(1))).as("an update of the original record")
                .contains("\"id\":\"L-" + key(restored) + "\"", "\"Stage\":\"customer\"", "\"owner\":\"A-ana\"")
                .doesNotContain("first@undo-crm.cn");
        assertThat(awaitDelivered(restored).lastOutcome()).isEqualTo("UPDATED");
        assertThat(CRM.upserts().stream().map(MergeUndoCrmIT::body).filter(b -> !b.contains("\"id\":"))
                .filter(b -> b.contains("first@undo-crm.cn") || b.contains("second@undo-crm.cn")))
                .as("two creates for two people, no third").hasSize(2);
    }

    @Test
    void aCarryOverThatLandsJustAfterTheUndoIsPutRightByTheNextRoutingRun() {
        String survivor = ingest("r1", "13700000051", "older@race-crm.cn", null);
        String restored = ingest("r2", "13700000052", "newer@race-crm.cn", "quote");
        awaitDelivered(restored);
        assertThat(ingest("r3", "13700000051", "newer@race-crm.cn", "quote")).isEqualTo(survivor);
        await().atMost(Duration.ofSeconds(60)).until(() -> outbox.get("crm-a", survivor).isPresent());
        undo(survivor);
        OutboxDoc given = outbox.get("crm-a", restored).orElseThrow();
        assertThat(given.status()).isNotEqualTo(OutboxDoc.MERGED);

        // A run that read the merge before the undo began writes its carry-over now, after the undo gave back:
        // the survivor holds the restored person's record again and their own entry is retired.
        Instant now = Instant.now();
        docs.put(names.outbox(), OutboxDoc.id("crm-a", survivor), given.carriedTo(survivor, key(restored), now), true);
        docs.put(names.outbox(), OutboxDoc.id("crm-a", restored), given.retiredInto(survivor, now), true);

        await().atMost(Duration.ofSeconds(30)).until(() -> routing.runIfIdle().isPresent());
        OutboxDoc theirs = outbox.get("crm-a", restored).orElseThrow();
        assertThat(theirs.status()).isNotEqualTo(OutboxDoc.MERGED);
        assertThat(theirs.remoteId()).isEqualTo(given.remoteId());
        assertThat(outbox.ofProfile(survivor)).noneMatch(d -> d.recordKey().equals(key(restored)));
    }

    /** Undoes the survivor's latest merge; returns its id. */
    private String undo(String survivor) {
        JsonNode merges = call(HttpMethod.GET, "/api/v1/profiles/" + survivor + "/merges", SALES_KEY, null,
                JsonNode.class).getBody();
        ResponseEntity<JsonNode> r = call(HttpMethod.POST, "/api/v1/profiles/" + survivor + "/merges/"
                + merges.get(0).path("id").asText() + "/undo", SALES_KEY, null, JsonNode.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return merges.get(0).path("id").asText();
    }

    private String ingest(String key, String phone, String email, String interactionType) {
        submit(key, List.of(Identifier.phone("+86" + phone), Identifier.email(email)), interactionType);
        return docs.get(names.identifiers(), "phone:+86" + phone, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    private void ingestEmailOnly(String key, String email, String interactionType) {
        submit(key, List.of(Identifier.email(email)), interactionType);
    }

    private void submit(String key, List<Identifier> ids, String interactionType) {
        Lead lead = new Lead("吴" + key, "公司", null, null, new ArrayList<>(ids), "test", List.of(), null, null, Map.of(), null);
        Interaction interaction = interactionType == null ? null
                : new Interaction("i-" + key, interactionType, "email", null, interactionType, Map.of());
        ingest.submit("undo-crm-test", List.of(new SourceRecord("undo-crm:" + key, "1", lead, interaction)));
    }

    private OutboxDoc awaitDelivered(String profileId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> outbox.get("crm-a", profileId).orElse(null),
                d -> d != null && OutboxDoc.DELIVERED.equals(d.status()));
    }

    private static String key(String profileId) {
        return OutboxDoc.key(profileId);
    }

    private static String body(LoggedRequest r) {
        return r.getBodyAsString();
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.Interaction;
import io.kehu.api.domain.Lead;
import io.kehu.api.domain.SourceRecord;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.ingest.IngestService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What reaches a CRM after a lead was routed there: the profile moves past its rule's stage (the record is
 * updated, not left stale), and two profiles merge (the survivor updates the record the absorbed profile
 * had, and nothing is created). The hub routes by itself after each ingest; a test CRM answers over HTTP.
 */
class RoutingFollowUpIT extends HubTestSupport {

    static final Path ROOT = tempRoot("routing-follow-up");
    static final TestCrm CRM = new TestCrm("session", "upsert");

    @Autowired
    IngestService ingest;

    @Autowired
    Outbox outbox;

    @Autowired
    Documents docs;

    @Autowired
    IndexNames names;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, RoutingFollowUpIT.class, ROOT);
        CRM.oneDestinationHub(registry, ROOT, 5);
    }

    @AfterAll
    static void stopCrm() {
        CRM.server.stop();
    }

    @Test
    void aLeadWhoseStageMovesPastItsRuleIsUpdatedInTheCrmRecordCreatedBefore() {
        String id = ingest("s1", "13700000001", "stage@example.cn", "quote");
        String key = "kehu-" + id;
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key).size() == 1);
        awaitDelivered(id);

        ingest("s2", "13700000001", null, "contract");

        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf(key).size() == 2);
        String update = CRM.upsertsOf(key).get(1).getBodyAsString();
        assertThat(update).as("an update of the record, with the new stage and the same owner")
                .contains("\"id\":\"L-" + key + "\"", "\"Stage\":\"customer\"", "\"owner\":\"A-ana\"");
        assertThat(CRM.upsertsOf(key).get(0).getBodyAsString()).contains("\"Stage\":\"opportunity\"");
        OutboxDoc item = awaitDelivered(id);
        assertThat(item.lastOutcome()).isEqualTo("UPDATED");
    }

    @Test
    void theSurvivorOfAMergeUpdatesTheRecordOfTheProfileItAbsorbedAndCreatesNone() {
        // The older profile (the survivor to be) matches no rule; the newer one is routed and delivered.
        String older = ingest("m1", "13700000011", "older@example.cn", null);
        String absorbed = ingest("m2", "13700000012", "newer@example.cn", "quote");
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf("kehu-" + absorbed).size() == 1);
        awaitDelivered(absorbed);

        // One record names the older one's phone and the newer one's e-mail: they merge.
        String survivor = ingest("m3", "13700000011", "newer@example.cn", null);
        assertThat(survivor).isEqualTo(older);

        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf("kehu-" + absorbed).size() == 2);
        String update = CRM.upsertsOf("kehu-" + absorbed).get(1).getBodyAsString();
        assertThat(update).contains("\"id\":\"L-kehu-" + absorbed + "\"", "older@example.cn", "newer@example.cn");
        awaitDelivered(survivor);
        assertThat(outbox.get("crm-a", absorbed).orElseThrow().status()).isEqualTo(OutboxDoc.MERGED);
        assertThat(CRM.upsertsOf("kehu-" + survivor)).as("no second record for the survivor").isEmpty();
    }

    @Test
    void twoRoutedProfilesThatMergeUpdateTheSurvivorsRecordAndCreateNoThird() {
        String first = ingest("t1", "13700000021", "first@example.cn", "quote");
        String second = ingest("t2", "13700000022", "second@example.cn", "quote");
        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf("kehu-" + first).size() == 1
                && CRM.upsertsOf("kehu-" + second).size() == 1);
        awaitDelivered(first);
        awaitDelivered(second);

        String survivor = ingest("t3", "13700000021", "second@example.cn", null);
        assertThat(survivor).isEqualTo(first);

        await().atMost(Duration.ofSeconds(60)).until(() -> CRM.upsertsOf("kehu-" + first).size() == 2);
        assertThat(CRM.upsertsOf("kehu-" + first).get(1).getBodyAsString())
                .contains("\"id\":\"L-kehu-" + first + "\"", "second@example.cn");
        awaitDelivered(first);
        assertThat(CRM.upsertsOf("kehu-" + second)).as("the absorbed record is left alone").hasSize(1);
        assertThat(CRM.upserts().stream().map(LoggedRequest::getBodyAsString).filter(b -> b.contains("second@example.cn")))
                .as("every call about these two names one of their two records")
                .allMatch(b -> b.contains("\"externalId\":\"kehu-" + first + "\"")
                        || b.contains("\"externalId\":\"kehu-" + second + "\""));
    }

    private String ingest(String key, String phone, String email, String interactionType) {
        List<Identifier> ids = email == null ? List.of(Identifier.phone("+86" + phone))
                : List.of(Identifier.phone("+86" + phone), Identifier.email(email));
        Lead lead = new Lead("吴" + key, "公司", null, null, ids, "test", List.of(), null, null, Map.of(), null);
        Interaction interaction = interactionType == null ? null
                : new Interaction("i-" + key, interactionType, "email", null, interactionType, Map.of());
        ingest.submit("follow-up-test", List.of(new SourceRecord("follow-up:" + key, "1", lead, interaction)));
        return docs.get(names.identifiers(), "phone:+86" + phone, IdentifierDoc.class).orElseThrow().source().profileId();
    }

    private OutboxDoc awaitDelivered(String profileId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> outbox.get("crm-a", profileId).orElse(null),
                d -> d != null && OutboxDoc.DELIVERED.equals(d.status()));
    }
}

package io.kehu.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.api.domain.Profile;
import io.kehu.search.AlertDoc;
import io.kehu.search.DeliveryLogDoc;
import io.kehu.search.Documents;
import io.kehu.search.IdentifierDoc;
import io.kehu.search.IndexNames;
import io.kehu.search.OutboxDoc;
import io.kehu.search.PoolDoc;
import io.kehu.server.delivery.Outbox;
import io.kehu.server.privacy.ErasureSteps;
import io.kehu.server.privacy.Person;
import io.kehu.server.privacy.PersonFinder;
import io.kehu.server.privacy.SuppressionCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Erasing a person on request (PIPL/GDPR) end to end: spreadsheet imports through the real plugin, the REST
 * API, and the real Elasticsearch node. 张三 comes in on three rows of two sheets (the second links his phone
 * and e-mail, so two profiles merge); 李四 is the bystander whose data must stay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErasureIT extends HubTestSupport {

    static final Path ROOT = tempRoot("erasure");
    static final String SALT = "it-privacy-salt-5e1d9c";
    static final String PHONE = "13912345678";
    static final String EMAIL = "zhang.san@example.cn";
    static final String NAME = "张三";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        hubProperties(registry, ErasureIT.class, ROOT);
        registry.add("hub.privacy.salt", () -> SALT);
        TestPlugins.copyFirstParty(ROOT.resolve("plugins"));
        Files.writeString(ROOT.resolve("connectors/sheets.yml"), """
                id: sheets
                type: spreadsheet
                """);
    }

    @Autowired
    Documents docs;
    @Autowired
    IndexNames names;
    @Autowired
    Outbox outbox;
    @Autowired
    PersonFinder finder;
    @Autowired
    ErasureSteps steps;

    static String zhang;
    static String absorbed;
    static String li;

    @Test
    @Order(1)
    void aPersonOnThreeRowsIsErasedWithEverythingOfTheirsAndNothingOfAnyoneElse() {
        upload("first.csv", "姓名,手机,邮箱\n" + NAME + "," + PHONE + ",\n" + NAME + ",," + EMAIL
                + "\n李四,13800001111,li.si@other.cn\n");
        List<String> before = profileIdsNamed(NAME);
        assertThat(before).hasSize(2);
        upload("linking.csv", "姓名,手机,邮箱\n" + NAME + "," + PHONE + "," + EMAIL + "\n");
        assertThat(profileIdsNamed(NAME)).hasSize(1);
        zhang = profileIdsNamed(NAME).get(0);
        absorbed = before.stream().filter(id -> !id.equals(zhang)).findFirst().orElseThrow();
        li = profileIdsNamed("李四").get(0);
        setStage(zhang);
        setStage(li);
        for (String id : List.of(zhang, li)) {
            outbox.enqueue(id, "test-crm", "rule-1", Map.of("name", "x"), "wang");
            docs.put(names.deliveries(), "test-crm:" + id + ":1", new DeliveryLogDoc("test-crm", id, "rule-1",
                    Instant.now(), 1, "CREATED", false, "DELIVERED", "crm-" + id, null, null, null, Map.of(), "wang"),
                    true);
            docs.put(names.alerts(), "at-risk:" + id + ":1", new AlertDoc("at-risk:" + id + ":1", "at-risk",
                    AlertDoc.SENT, id, "客户进入流失预警", "Customer at risk", "客户 张* 进入「流失预警」",
                    "Customer 张* is at risk", Map.of(), List.of(), Instant.now(), Instant.now()), true);
            docs.put(names.claimPool(), id, new PoolDoc(id, "rule-1", 1, List.of("wang"), List.of(), PoolDoc.OPEN,
                    Instant.now(), Instant.now().plusSeconds(600), 0, null, null, null, null, Instant.now()), true);
        }
        // Delivered before: the CRM keeps its record, which the answer names for someone to erase there.
        docs.put(names.outbox(), OutboxDoc.id("crm-main", zhang), new OutboxDoc("crm-main", zhang, "rule-1", Map.of(),
                Map.of(), "wang", "h", OutboxDoc.DELIVERED, "00Q5g00000AbCdE", 1, null, "CREATED", null, null,
                Instant.now(), Instant.now(), Instant.now(), Instant.now(), null, null, null, null), true);
        List<String> person = List.of(zhang, absorbed);
        Map<String, Long> his = counts(person);
        Map<String, Long> others = counts(List.of(li));
        assertThat(his.get("interactions")).isGreaterThanOrEqualTo(3);
        assertThat(his).containsEntry("merges", 1L).containsEntry("outbox", 2L)
                .containsEntry("deliveries", 1L).containsEntry("claimpool", 1L).containsEntry("alerts", 1L);
        assertThat(his.get("stagechanges")).isPositive();
        assertThat(claim("phone:+86" + PHONE)).isPresent();
        assertThat(others).containsEntry("outbox", 1L).containsEntry("alerts", 1L).containsEntry("claimpool", 1L)
                .containsEntry("profiles", 1L);
        assertThat(others.get("interactions")).isPositive();

        ListAppender<ILoggingEvent> logs = captureLogs();
        ResponseEntity<JsonNode> r;
        try {
            r = call(HttpMethod.DELETE, "/api/v1/profiles/" + zhang + "?reason=PIPL%20Art.%2047%20request", ADMIN_KEY,
                    null, JsonNode.class);
        } finally {
            root().detachAppender(logs);
        }

        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        JsonNode erasure = r.getBody().path("erasure");
        assertThat(erasure.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(erasure.path("actor").asText()).isEqualTo("admin");
        assertThat(erasure.path("mergedIds").get(0).asText()).isEqualTo(absorbed);
        assertThat(erasure.path("deleted").path("interactions").asLong()).isEqualTo(his.get("interactions"));
        assertThat(erasure.path("deleted").path("stageChanges").asLong()).isEqualTo(his.get("stagechanges"));
        assertThat(erasure.path("deleted").path("identifiers").asLong()).isEqualTo(2);
        assertThat(erasure.path("deleted").path("merges").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("redirects").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("outboxPendingCancelled").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("outbox").asLong()).isEqualTo(1);
        assertThat(erasure.path("deliveredTo").toString()).isEqualTo("[\"crm-main\"]");
        assertThat(erasure.path("deleted").path("deliveries").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("claimPool").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("alerts").asLong()).isEqualTo(1);
        assertThat(erasure.path("deleted").path("profiles").asLong()).isEqualTo(1);
        assertThat(erasure.path("suppressed").asLong()).isEqualTo(2);
        assertThat(r.getBody().path("notErased").toString()).contains("CRM").contains("Dead letters").contains("Backups");

        assertThat(call(HttpMethod.GET, "/api/v1/profiles/" + zhang, SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, "/api/v1/profiles/" + absorbed, SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(counts(person).values()).containsOnly(0L);
        assertThat(claim("phone:+86" + PHONE)).isEmpty();
        assertThat(claim("email:" + EMAIL)).isEmpty();
        assertThat(counts(List.of(li))).isEqualTo(others);
        assertThat(claim("phone:+8613800001111")).isPresent();
        assertThat(profileCount()).isEqualTo(1);

        String logText = text(logs);
        assertThat(logText).contains(zhang).doesNotContain(PHONE).doesNotContain(EMAIL).doesNotContain(NAME)
                .doesNotContain(SALT);
        JsonNode list = call(HttpMethod.GET, "/api/v1/privacy/erasures", ADMIN_KEY, null, JsonNode.class).getBody();
        assertThat(list.path("items").findValuesAsText("profileId")).containsExactly(zhang);
        assertThat(list.toString() + r.getBody()).doesNotContain(PHONE).doesNotContain(EMAIL).doesNotContain(NAME)
                .doesNotContain("zhang").doesNotContain(SALT);
    }

    @Test
    @Order(2)
    void reImportingTheErasedPersonsRowsIsRejectedWithTheReasonAndRowNumbers() {
        // The same rows, re-exported: identical bytes would be recognised as the same, finished import.
        JsonNode first = upload("first-again.csv", "手机,邮箱,姓名\n" + PHONE + ",," + NAME + "\n," + EMAIL + "," + NAME
                + "\n13800001111,li.si@other.cn,李四\n");
        JsonNode linking = upload("linking-again.csv", "手机,姓名,邮箱\n" + PHONE + "," + NAME + "," + EMAIL + "\n");

        assertThat(first.path("rejected").findValuesAsText("row")).containsExactly("2", "3");
        assertThat(first.path("rejected").findValuesAsText("reason")).containsOnly(SuppressionCheck.REASON);
        assertThat(linking.path("rejected").findValuesAsText("row")).containsExactly("2");
        assertThat(profileIdsNamed(NAME)).isEmpty();
        assertThat(profileCount()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void afterLiftingOneIdentifierARowWithOnlyThatIdentifierImports() {
        ResponseEntity<JsonNode> lift = call(HttpMethod.POST, "/api/v1/privacy/suppressions/lift", ADMIN_KEY,
                Map.of("identifier", "+86 139 1234 5678"), JsonNode.class);
        assertThat(lift.getStatusCode().value()).isEqualTo(200);
        assertThat(lift.getBody().path("lifted").asBoolean()).isTrue();
        assertThat(lift.getBody().toString()).doesNotContain(SALT).doesNotContain(PHONE);

        JsonNode phoneOnly = upload("consented.csv", "姓名,手机\n" + NAME + "," + PHONE + "\n");
        JsonNode emailOnly = upload("email-only.csv", "姓名,邮箱\n" + NAME + "," + EMAIL + "\n");

        assertThat(phoneOnly.path("rejectedCount").asLong()).isZero();
        assertThat(emailOnly.path("rejected").findValuesAsText("reason")).containsExactly(SuppressionCheck.REASON);
        assertThat(profileIdsNamed(NAME)).hasSize(1).doesNotContain(zhang, absorbed);
        assertThat(call(HttpMethod.POST, "/api/v1/privacy/suppressions/lift", ADMIN_KEY,
                Map.of("identifier", "+86 139 1234 5678"), JsonNode.class).getBody().path("lifted").asBoolean()).isFalse();
    }

    @Test
    @Order(4)
    void withoutSuppressionTheDataIsErasedAndAReImportCreatesANewProfile() {
        upload("zhao.csv", "姓名,手机\n赵六,13700002222\n");
        String zhao = profileIdsNamed("赵六").get(0);

        JsonNode r = call(HttpMethod.DELETE, "/api/v1/profiles/" + zhao + "?suppress=false", ADMIN_KEY, null,
                JsonNode.class).getBody();
        assertThat(r.path("erasure").path("suppressed").asLong()).isZero();
        assertThat(r.path("erasure").path("suppress").asBoolean()).isFalse();
        assertThat(r.path("erasure").path("deleted").path("interactions").asLong()).isPositive();
        assertThat(counts(List.of(zhao)).values()).containsOnly(0L);

        JsonNode again = upload("zhao-again.csv", "手机,姓名\n13700002222,赵六\n");
        assertThat(again.path("rejectedCount").asLong()).isZero();
        assertThat(profileIdsNamed("赵六")).hasSize(1).doesNotContain(zhao);
    }

    @Test
    @Order(5)
    void aMergedAwayIdAnswers409NamingTheSurvivorAndUnknownIds404AndOnlyAdminsMayErase() {
        upload("wang.csv", "姓名,手机,邮箱\n王五,13600003333,\n王五,,wang.wu@example.cn\n");
        List<String> two = profileIdsNamed("王五");
        upload("wang-link.csv", "姓名,手机,邮箱\n王五,13600003333,wang.wu@example.cn\n");
        String survivor = profileIdsNamed("王五").get(0);
        String merged = two.stream().filter(id -> !id.equals(survivor)).findFirst().orElseThrow();

        ResponseEntity<JsonNode> conflict = call(HttpMethod.DELETE, "/api/v1/profiles/" + merged, ADMIN_KEY, null,
                JsonNode.class);
        ResponseEntity<JsonNode> unknown = call(HttpMethod.DELETE, "/api/v1/profiles/p-nobody", ADMIN_KEY, null,
                JsonNode.class);
        ResponseEntity<JsonNode> sales = call(HttpMethod.DELETE, "/api/v1/profiles/" + survivor, SALES_KEY, null,
                JsonNode.class);
        ResponseEntity<JsonNode> integrator = call(HttpMethod.DELETE, "/api/v1/profiles/" + survivor, INTEGRATOR_KEY,
                null, JsonNode.class);
        ResponseEntity<JsonNode> list = call(HttpMethod.GET, "/api/v1/privacy/erasures", INTEGRATOR_KEY, null,
                JsonNode.class);

        assertThat(conflict.getStatusCode().value()).isEqualTo(409);
        assertThat(conflict.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(conflict.getBody().path("survivor").asText()).isEqualTo(survivor);
        assertThat(conflict.getBody().path("detail").asText()).contains(survivor);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(sales.getStatusCode().value()).isEqualTo(403);
        assertThat(integrator.getStatusCode().value()).isEqualTo(403);
        assertThat(list.getStatusCode().value()).isEqualTo(403);
        assertThat(profileIdsNamed("王五")).containsExactly(survivor);
    }

    @Test
    @Order(6)
    void aRepeatedDeleteFinishesAnErasureThatStoppedHalfWay() {
        String survivor = profileIdsNamed("王五").get(0);
        Profile profile = docs.get(names.profiles(), survivor, Profile.class).orElseThrow().source();
        Person person = finder.find(profile);
        // The first attempt got as far as the claims, the interactions and the redirects, then the node died.
        assertThat(steps.identifierClaims(person)).isEqualTo(2);
        assertThat(steps.byProfile(names.interactions(), "interaction", person)).isGreaterThanOrEqualTo(3);
        assertThat(steps.redirects(person)).isEqualTo(1);
        assertThat(counts(person.profileIds()).get("merges")).isEqualTo(1);

        JsonNode r = call(HttpMethod.DELETE, "/api/v1/profiles/" + survivor, ADMIN_KEY, null, JsonNode.class).getBody();

        assertThat(r.path("repeated").asBoolean()).isFalse();
        assertThat(r.path("erasure").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(r.path("erasure").path("deleted").path("merges").asLong()).isEqualTo(1);
        assertThat(r.path("erasure").path("deleted").path("profiles").asLong()).isEqualTo(1);
        assertThat(counts(person.profileIds()).values()).containsOnly(0L);
        assertThat(call(HttpMethod.GET, "/api/v1/profiles/" + survivor, SALES_KEY, null, JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);

        JsonNode again = call(HttpMethod.DELETE, "/api/v1/profiles/" + survivor, ADMIN_KEY, null, JsonNode.class)
                .getBody();
        assertThat(again.path("repeated").asBoolean()).isTrue();
        assertThat(again.path("erasure").path("id").asText()).isEqualTo(r.path("erasure").path("id").asText());
    }

    private void setStage(String id) {
        ResponseEntity<JsonNode> r = call(HttpMethod.PUT, "/api/v1/profiles/" + id + "/stage", SALES_KEY,
                Map.of("stage", "opportunity", "reason", "met at the fair"), JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
    }

    /** Per index, how many documents name one of {@code profileIds}. */
    private Map<String, Long> counts(List<String> profileIds) {
        List<FieldValue> ids = profileIds.stream().map(FieldValue::of).toList();
        Query byProfile = Query.of(q -> q.terms(t -> t.field("profileId").terms(v -> v.value(ids))));
        Map<String, Long> out = new LinkedHashMap<>();
        for (String index : List.of("interactions", "stagechanges", "outbox", "deliveries", "claimpool", "alerts")) {
            out.put(index, count(names.alias(index), byProfile));
        }
        out.put("merges", count(names.merges(), Query.of(q -> q.bool(b -> b.minimumShouldMatch("1")
                .should(s -> s.terms(t -> t.field("survivor").terms(v -> v.value(ids))))
                .should(s -> s.terms(t -> t.field("merged").terms(v -> v.value(ids))))))));
        out.put("profiles", count(names.profiles(), Query.of(q -> q.ids(i -> i.values(profileIds)))));
        return out;
    }

    private long count(String index, Query query) {
        Documents.call(() -> docs.client().indices().refresh(r -> r.index(index)), index);
        return Documents.call(() -> docs.client().count(c -> c.index(index).query(query)), index).count();
    }

    private java.util.Optional<IdentifierDoc> claim(String key) {
        return docs.get(names.identifiers(), key, IdentifierDoc.class).map(d -> d.source());
    }

    private long profileCount() {
        return count(names.profiles(), Query.of(q -> q.matchAll(m -> m)));
    }

    private List<String> profileIdsNamed(String name) {
        List<String> out = new ArrayList<>();
        call(HttpMethod.GET, "/api/v1/profiles?size=50&q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
                SALES_KEY, null, JsonNode.class).getBody().path("items")
                .forEach(p -> {
                    if (p.path("name").asText().equals(name)) {
                        out.add(p.path("id").asText());
                    }
                });
        return out;
    }

    private JsonNode upload(String name, String csv) {
        Path file = ROOT.resolve(name);
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new FileSystemResource(file));
        var r = call(HttpMethod.POST, "/api/v1/connectors/sheets/uploads", INTEGRATOR_KEY, form, JsonNode.class);
        assertThat(r.getStatusCode().value()).as(String.valueOf(r.getBody())).isEqualTo(200);
        return r.getBody();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        return logs;
    }

    private static String text(ListAppender<ILoggingEvent> logs) {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(logs.list)) {
            out.append(e.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.append(t.getMessage()).append('\n');
            }
        }
        return out.toString();
    }
}

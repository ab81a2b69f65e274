package io.kehu.server.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.kehu.search.AlertDoc;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.testing.TestElasticsearch;
import io.kehu.server.config.AlertProperties;
import io.kehu.server.fixtures.StoredLifecycle;
import io.kehu.server.funnel.FunnelService;
import io.kehu.server.lifecycle.LifecycleConfigLoader;
import io.kehu.server.lifecycle.LifecycleRules;
import io.kehu.server.lifecycle.StageChangeEvent;
import io.kehu.server.work.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end against the real embedded node and a WireMock WeCom robot: each cause is sent
 * once, however often it is raised and by however many hub nodes. "Nothing more was sent" is proven
 * without waiting: a later alert through the same single-threaded dispatcher arrives only after the
 * duplicate was handled.
 */
class AlertDeliveryIT {

    private static final Instant ENTERED = Instant.parse("2026-05-20T03:04:05Z");

    private static ElasticsearchClient client;
    private static IndexNames names;
    private static AlertStore store;

    private final LifecycleRules rules = new LifecycleRules(new LifecycleConfigLoader().loadDefault());
    private final List<AutoCloseable> closing = new ArrayList<>();
    private WireMockServer wm;

    /** One set of indices for the class: every test raises causes of its own profiles. */
    @BeforeAll
    static void indices() {
        client = TestElasticsearch.client();
        names = TestElasticsearch.indices(AlertDeliveryIT.class);
        store = new AlertStore(new Documents(client), new BulkWriter(client), names);
    }

    @BeforeEach
    void startRobot() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        wm.stop();
    }

    /** One hub node's dispatcher: a robot target, plus the log when {@code alsoLog}. */
    private AlertDispatcher node(int maxAttempts, boolean alsoLog) {
        AlertProperties.Target robot = new AlertProperties.Target();
        robot.setType("wecom-robot");
        robot.setName("sales-group");
        robot.setUrl(URI.create(wm.baseUrl() + "/cgi-bin/webhook/send"));
        robot.setKey(WeComRobotTargetContractTest.KEY);
        List<AlertProperties.Target> targets = new ArrayList<>(List.of(robot));
        if (alsoLog) {
            AlertProperties.Target log = new AlertProperties.Target();
            log.setType("log");
            targets.add(log);
        }
        AlertDispatcher d = new AlertDispatcher(store, AlertTargets.from(targets, new ObjectMapper()),
                new RetryPolicy(maxAttempts, Duration.ofMillis(10), Duration.ofMillis(50)), Clock.systemUTC());
        closing.add(d);
        return d;
    }

    /** A fresh pattern each time: WireMock's builders are mutable. */
    private static RequestPatternBuilder robot() {
        return postRequestedFor(urlPathEqualTo("/cgi-bin/webhook/send"));
    }

    private static StageChangeEvent intoAtRisk(String profileId) {
        return new StageChangeEvent(profileId, "张三丰", "customer", "at_risk", ENTERED, "no interaction for 31 days",
                false, 62, "B");
    }

    private AlertDoc awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> store.get(id).orElse(null),
                a -> a != null && status.equals(a.status()));
    }

    /** Raises a fresh cause through {@code service} and waits until the robot has it. */
    private void sentinel(AlertService service, String profileId) {
        service.onStageChanges(List.of(intoAtRisk(profileId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !wm.findAll(robot().withRequestBody(containing(profileId))).isEmpty());
    }

    @Test
    void theSameChangeReportedTwiceAndByASecondNodeSendsOneMessage() {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        AlertService nodeA = new AlertService(node(3, true), rules);
        AlertService nodeB = new AlertService(node(3, false), rules);

        nodeA.onStageChanges(List.of(intoAtRisk("p-1")));
        nodeA.onStageChanges(List.of(intoAtRisk("p-1")));
        sentinel(nodeA, "p-sentinel-a");
        nodeB.onStageChanges(List.of(intoAtRisk("p-1")));
        sentinel(nodeB, "p-sentinel-b");

        assertThat(wm.findAll(robot().withRequestBody(containing("(p-1)")))).hasSize(1);
        assertThat(wm.findAll(robot())).hasSize(3);
        AlertDoc sent = awaitStatus("at-risk:p-1:2026-05-20T03:04:05Z", AlertDoc.SENT);
        assertThat(sent.deliveries()).extracting(AlertDoc.Delivery::target, AlertDoc.Delivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sales-group", AlertDoc.SENT),
                        org.assertj.core.groups.Tuple.tuple("log", AlertDoc.SENT));
        assertThat(sent.textZh()).contains("张**").doesNotContain("张三丰");
    }

    @Test
    void manyCustomersEnteringAtRiskTogetherReachTheRobotAsDigestsAndTheLogOneByOne() {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        AlertService service = new AlertService(node(3, true), rules);
        List<StageChangeEvent> seventeen = java.util.stream.IntStream.rangeClosed(1, 17)
                .mapToObj(i -> intoAtRisk("p-digest-" + i)).toList();

        service.onStageChanges(seventeen);

        seventeen.forEach(e -> awaitStatus(AlertTexts.atRiskCause(e.profileId(), e.at()), AlertDoc.SENT));
        List<String> bodies = wm.findAll(robot()).stream().map(r -> r.getBodyAsString()).toList();
        assertThat(bodies).as("12 to a message, the robot's limit being 20 messages a minute").hasSize(2);
        assertThat(bodies.get(0)).contains("（12）").contains("(p-digest-1)").contains("(p-digest-12)")
                .doesNotContain("(p-digest-13)");
        assertThat(bodies.get(1)).contains("（5）").contains("(p-digest-13)").contains("(p-digest-17)");
        assertThat(store.get(AlertTexts.atRiskCause("p-digest-9", ENTERED)).orElseThrow().deliveries())
                .extracting(AlertDoc.Delivery::status).containsOnly(AlertDoc.SENT);
    }

    @Test
    void changesThatDoNotEnterAtRiskRaiseNothing() {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        AlertService service = new AlertService(node(3, false), rules);

        service.onStageChanges(List.of(
                new StageChangeEvent("p-2", "李四", "lead", "engaged", ENTERED, "reply", false, 30, "C"),
                new StageChangeEvent("p-3", "王五", "at_risk", "at_risk", ENTERED, "still", false, 30, "C")));
        sentinel(service, "p-sentinel-c");

        assertThat(wm.findAll(robot())).hasSize(1);
    }

    @Test
    void aRateLimitedSendIsRetriedAndRecordedAsSent() {
        WireMockStubs.load(wm, "wecom-robot", "send-rate-limited-once", "send-ok");
        AlertService service = new AlertService(node(3, false), rules);

        service.onStageChanges(List.of(intoAtRisk("p-4")));

        AlertDoc sent = awaitStatus("at-risk:p-4:2026-05-20T03:04:05Z", AlertDoc.SENT);
        assertThat(sent.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastError()).isEqualTo("errcode 45009");
            assertThat(d.sentAt()).isNotNull();
        });
        assertThat(wm.findAll(robot())).hasSize(2);
    }

    @Test
    void aSendThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        WireMockStubs.load(wm, "wecom-robot", "send-rate-limited");
        AlertService service = new AlertService(node(3, false), rules);

        service.onStageChanges(List.of(intoAtRisk("p-5")));

        AlertDoc failed = awaitStatus("at-risk:p-5:2026-05-20T03:04:05Z", AlertDoc.FAILED);
        assertThat(failed.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.status()).isEqualTo(AlertDoc.FAILED);
        });
        assertThat(wm.findAll(robot())).hasSize(3);
    }

    @Test
    void aLowConversionRateChecksTwiceAndAlertsOnce() {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        Instant now = Instant.now();
        new StoredLifecycle(client, names)
                .unscoredProfile("c-1", now.minus(Duration.ofDays(2)))
                .unscoredProfile("c-2", now.minus(Duration.ofDays(3)))
                .profile("c-3", "赵六", null, null, now.minus(Duration.ofDays(4)), "engaged", 10, 10, 10, "C", 0)
                .change("c-3", "lead", "engaged", now.minus(Duration.ofDays(4)), now.minus(Duration.ofDays(1)))
                .write();
        AlertProperties.Conversion rule = new AlertProperties.Conversion();
        rule.setFrom("lead");
        rule.setTo("engaged");
        rule.setMinRate(0.5);
        rule.setMinEntered(3);
        AlertDispatcher dispatcher = node(3, false);
        ConversionMonitor monitor = new ConversionMonitor(new FunnelService(new Documents(client), names, rules),
                dispatcher, rules, List.of(rule), Clock.systemUTC());

        List<AlertDoc> first = monitor.checkNow();
        List<AlertDoc> second = monitor.checkNow();
        sentinel(new AlertService(dispatcher, rules), "p-sentinel-d");

        assertThat(first).singleElement().satisfies(a -> assertThat(a.details()).containsEntry("entered", 3L)
                .containsEntry("converted", 1L));
        assertThat(second).extracting(AlertDoc::id).isEqualTo(first.stream().map(AlertDoc::id).toList());
        assertThat(wm.findAll(robot().withRequestBody(containing("33.3%")))).hasSize(1);
        assertThat(wm.findAll(robot())).hasSize(2);
    }

    @Test
    void aDeliveryLeftPendingByAStoppedNodeIsResumed() throws Exception {
        WireMockStubs.load(wm, "wecom-robot", "send-ok");
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        AlertDoc draft = AlertTexts.atRisk(intoAtRisk("p-6"), rules.current().config().lifecycle());
        store.createIfAbsent(List.of(new AlertDoc(draft.id(), draft.kind(), AlertDoc.PENDING, draft.profileId(),
                draft.titleZh(), draft.titleEn(), draft.textZh(), draft.textEn(), draft.details(),
                List.of(new AlertDoc.Delivery("sales-group", "wecom-robot", AlertDoc.PENDING, 0, null, null, null)),
                longAgo, longAgo)));
        client.indices().refresh(r -> r.index(names.alerts()));

        node(3, false).resumeStale();

        awaitStatus(draft.id(), AlertDoc.SENT);
        assertThat(wm.findAll(robot().withRequestBody(containing("(p-6)")))).hasSize(1);
    }
}

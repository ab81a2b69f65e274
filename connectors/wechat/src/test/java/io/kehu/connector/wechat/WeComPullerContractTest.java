package io.kehu.connector.wechat;

import io.kehu.api.testing.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.testing.TestSourceContext;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incremental pull against WireMock: paging, cursors, tags, groups of 100 users, what changed, resuming. */
class WeComPullerContractTest {

    static final String CORP_ID = WeComClientContractTest.CORP_ID;
    static final String BATCH = "/cgi-bin/externalcontact/batch/get_by_user";

    private WireMockServer wm;
    private final Map<String, String> state = new HashMap<>();
    private final MutableClock clock = new MutableClock(WeComClientContractTest.NOW);
    private final Stubs.RecordingSleeper sleeper = new Stubs.RecordingSleeper();

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stopWireMock() {
        wm.stop();
    }

    private TestSourceContext context(Object followUsers) {
        Map<String, Object> values = new HashMap<>();
        values.put("corpId", CORP_ID);
        values.put("secret", WeComClientContractTest.SECRET);
        values.put("baseUrl", wm.baseUrl());
        if (followUsers != null) {
            values.put("followUsers", followUsers);
        }
        return new TestSourceContext("wecom-sales", WeComConfig.FIELDS, values, state);
    }

    private WeComPuller puller(TestSourceContext ctx) {
        WeComConfig config = new WeComConfig(ctx.config());
        WeComClient client = new WeComClient(URI.create(wm.baseUrl()), CORP_ID, WeComClientContractTest.SECRET, ctx.state(),
                WeChatApiClient.defaultHttpClient(), clock, Stubs.backoff(sleeper));
        return new WeComPuller(config, client, new WeComRecordMapper(CORP_ID), ctx.ingest(), ctx.state(), ctx.metrics());
    }

    private List<LoggedRequest> batchRequests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo(BATCH)));
    }

    private static JsonNode body(LoggedRequest r) {
        try {
            return Json.parse(r.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SourceRecord byName(List<SourceRecord> records, String name) {
        return records.stream().filter(r -> name.equals(r.lead().name())).findFirst()
                .orElseThrow(() -> new AssertionError("no record of " + name));
    }

    @Test
    void pullsEveryPageAndMapsEachCustomerWithItsFollowUser() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list", "batch-get-by-user-page1", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));

        WeComPuller.Report report = puller(ctx).pull();

        assertThat(report).isEqualTo(new WeComPuller.Report(3, 2, 3, 3));
        List<SourceRecord> records = ctx.records();
        assertThat(records).extracting(r -> r.lead().name()).containsExactly("李四", "王芳", "陈明");

        SourceRecord li = byName(records, "李四");
        assertThat(li.lead().identifiers()).containsExactly(
                new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, CORP_ID + "/woAJ2GCAAAXtWyujaWJHDDGi0mAAAA"),
                Identifier.unionId("ozynqsulJFCZ2z1aYeS8h-nuasdAAA"),
                Identifier.phone("13800000001"),
                Identifier.phone("13000000002"));
        assertThat(li.lead().company()).isEqualTo("腾讯科技有限公司");
        assertThat(li.lead().title()).isEqualTo("采购部长");
        assertThat(li.lead().tags()).containsExactly("一级", "展会");
        assertThat(li.lead().owner()).isEqualTo("rocky");
        assertThat(li.lead().source()).isEqualTo("wecom");
        assertThat(li.interaction().id()).isEqualTo("wecom:" + CORP_ID + "/woAJ2GCAAAXtWyujaWJHDDGi0mAAAA:follow:rocky");
        assertThat(li.interaction().type()).isEqualTo("contact");
        assertThat(li.interaction().channel()).isEqualTo("wecom");
        assertThat(li.interaction().occurredAt()).isEqualTo(Instant.ofEpochSecond(1525779812));
        assertThat(li.interaction().summary()).contains("rocky").contains("李部长").contains("对接采购事务");
        assertThat(li.interaction().details()).containsEntry("remark", "李部长").containsEntry("description", "对接采购事务")
                .containsEntry("remarkCorpName", "腾讯科技").containsEntry("addWay", "1");
        assertThat(li.key()).startsWith("wecom:" + CORP_ID + "/woAJ2GCAAAXtWyujaWJHDDGi0mAAAA/rocky@");

        SourceRecord wang = byName(records, "王芳");
        assertThat(wang.lead().company()).as("a WeChat user has no corp_name: the member's note").isEqualTo("华瑞医疗");
        assertThat(wang.lead().owner()).isEqualTo("zhangsan");
        assertThat(wang.lead().tags()).isEmpty();
        assertThat(wang.interaction().details()).containsEntry("state", "expo-2024");

        SourceRecord chen = byName(records, "陈明");
        assertThat(chen.lead().identifiers()).containsExactly(
                new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, CORP_ID + "/wmAJ2GCAAAp5Lk0c2gKxv1vR2bQAAA"));
        assertThat(chen.lead().tags()).containsExactly("二级");

        List<LoggedRequest> requests = batchRequests();
        assertThat(requests).hasSize(2);
        assertThat(body(requests.get(0)).toString())
                .isEqualTo("{\"userid_list\":[\"lisi\",\"rocky\",\"zhangsan\"],\"cursor\":\"\",\"limit\":100}");
        assertThat(body(requests.get(1)).path("cursor").asText()).isEqualTo("CURSOR-PAGE-2");
        assertThat(requests).allSatisfy(r -> assertThat(r.queryParameter("access_token").firstValue()).isEqualTo("ACCESS-TOKEN-1"));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_corp_tag_list")));
        assertThat(state).doesNotContainKey(cursorKey(List.of("lisi", "rocky", "zhangsan")));
    }

    @Test
    void asksWeComForTheFollowUsersWhenNoneAreConfigured() {
        Stubs.load(wm, "wecom", "gettoken", "get-follow-user-list", "get-corp-tag-list", "batch-get-by-user-page1",
                "batch-get-by-user-page2");

        puller(context(null)).pull();

        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_follow_user_list"))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1")));
        wm.verify(postRequestedFor(urlPathEqualTo(BATCH))
                .withRequestBody(equalToJson("{\"userid_list\":[\"lisi\",\"rocky\",\"zhangsan\"]}", false, true)));
    }

    @Test
    void asksForAtMost100FollowUsersAnd100CustomersPerRequest() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-any");
        List<String> users = IntStream.range(0, 250).mapToObj(i -> String.format("sales%03d", i)).toList();

        puller(context(String.join(",", users))).pull();

        List<LoggedRequest> requests = batchRequests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(r -> body(r).path("userid_list").size()).containsExactly(100, 100, 50);
        assertThat(requests).allSatisfy(r -> assertThat(body(r).path("limit").asInt()).isEqualTo(100));
        assertThat(body(requests.get(2)).path("userid_list").get(49).asText()).isEqualTo("sales249");
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_corp_tag_list"))))
                .as("no tag lookup when no customer carries a tag").isEmpty();
    }

    @Test
    void ingestsOnlyWhatChangedSinceTheLastRun() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list", "batch-get-by-user-page1", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));
        puller(ctx).pull();
        assertThat(ctx.records()).hasSize(3);

        WeComPuller.Report unchanged = puller(ctx).pull();
        assertThat(unchanged.seen()).isEqualTo(3);
        assertThat(unchanged.ingested()).isZero();
        assertThat(ctx.records()).hasSize(3);

        Stubs.load(wm, "wecom", "batch-get-by-user-page2-edited");
        WeComPuller.Report edited = puller(ctx).pull();

        assertThat(edited.ingested()).isEqualTo(1);
        SourceRecord chen = ctx.records().get(3);
        assertThat(chen.lead().name()).isEqualTo("陈明");
        assertThat(chen.lead().identifiers()).contains(Identifier.phone("13700000004"));
        assertThat(chen.interaction().summary()).contains("陈工").contains("想要报价");
        assertThat(chen.interaction().id()).as("the same timeline entry, updated")
                .isEqualTo(ctx.records().get(2).interaction().id());
        assertThat(chen.key()).isNotEqualTo(ctx.records().get(2).key());
    }

    @Test
    void refreshesTheTokenOnceWhenItExpiresBetweenPagesAndCompletesThePull() {
        Stubs.load(wm, "wecom", "gettoken-rotating-first", "gettoken-rotating-second", "get-corp-tag-list",
                "batch-get-by-user-page1", "batch-get-by-user-page2-expired", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));

        WeComPuller.Report report = puller(ctx).pull();

        assertThat(report.ingested()).isEqualTo(3);
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken")))).hasSize(2);
        List<LoggedRequest> requests = batchRequests();
        assertThat(requests).extracting(r -> r.queryParameter("access_token").firstValue() + " " + body(r).path("cursor").asText())
                .containsExactly("ACCESS-TOKEN-1 ", "ACCESS-TOKEN-1 CURSOR-PAGE-2", "ACCESS-TOKEN-2 CURSOR-PAGE-2");
        assertThat(state.get(WeChatApiClient.TOKEN_STATE_KEY)).contains("ACCESS-TOKEN-2");
        assertThat(sleeper.waits).isEmpty();
    }

    @Test
    void resumesAtTheCommittedCursorAfterARunWasCutOff() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list", "batch-get-by-user-page1", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));
        ctx.failAfterBatches = 1;

        assertThatThrownBy(() -> puller(ctx).pull())
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(ctx.records()).hasSize(2);
        String cursorKey = cursorKey(List.of("lisi", "rocky", "zhangsan"));
        assertThat(state).containsEntry(cursorKey, "CURSOR-PAGE-2");

        ctx.failAfterBatches = -1;
        WeComPuller.Report resumed = puller(ctx).pull();

        assertThat(resumed.pages()).isEqualTo(1);
        assertThat(ctx.records()).extracting(r -> r.lead().name()).containsExactly("李四", "王芳", "陈明");
        assertThat(body(batchRequests().get(2)).path("cursor").asText()).isEqualTo("CURSOR-PAGE-2");
        assertThat(state).doesNotContainKey(cursorKey);

        WeComPuller.Report next = puller(ctx).pull();
        assertThat(next.ingested()).as("what the cut-off run ingested was remembered").isZero();
    }

    @Test
    void commitsNothingForAPageTheHubCouldNotStore() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list", "batch-get-by-user-page1", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));
        ctx.failAfterBatches = 0;

        assertThatThrownBy(() -> puller(ctx).pull()).isInstanceOf(HubException.class);

        assertThat(state.keySet()).allMatch(k -> k.equals(WeChatApiClient.TOKEN_STATE_KEY));
        ctx.failAfterBatches = -1;
        assertThat(puller(ctx).pull().ingested()).isEqualTo(3);
    }

    @Test
    void pullsWithoutTagNamesWhenTheTagListIsForbidden() {
        Stubs.load(wm, "wecom", "gettoken", "get-corp-tag-list-forbidden", "batch-get-by-user-page1", "batch-get-by-user-page2");
        TestSourceContext ctx = context(List.of("zhangsan", "rocky", "lisi"));

        assertThat(puller(ctx).pull().ingested()).isEqualTo(3);

        assertThat(ctx.records()).allSatisfy(r -> assertThat(r.lead().tags()).isEmpty());
        assertThat(ctx.errors).singleElement().asString().contains("48002");
        wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get_corp_tag_list")));
    }

    @Test
    void aFailedRunIsReportedInTheInstanceHealthByTheTimerEntryPoint() {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-throttled");
        TestSourceContext ctx = context(List.of("rocky"));

        puller(ctx).pullQuietly();

        assertThat(ctx.errors).singleElement().asString().contains("45009");
        assertThat(ctx.records()).isEmpty();
    }

    private static String cursorKey(List<String> users) {
        return WeComPuller.CURSOR_KEY + WeChatMessages.sha256(String.join(",", users)).substring(0, 16);
    }
}

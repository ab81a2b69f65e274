package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.kehu.connector.wechat.WeChatCallbacks.changeEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.HubException;
import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;
import io.kehu.api.domain.SourceRecord;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.WorkHandler;
import io.kehu.api.testing.TestSourceContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enqueued WeCom callbacks processed in the background, against WireMock. */
class WeComEventProcessorContractTest {

    static final String CORP_ID = WeComClientContractTest.CORP_ID;
    static final String EXT_ID = "woAJ2GCAAAXtWyujaWJHDDGi0mAAAA";

    private WireMockServer wm;
    private TestSourceContext ctx;
    private SourceTask task;
    private WorkHandler processor;

    @BeforeEach
    void start() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        Map<String, Object> values = new HashMap<>();
        values.put("corpId", CORP_ID);
        values.put("secret", WeComClientContractTest.SECRET);
        values.put("pollInterval", "0");
        values.put("callbackToken", WeComCallbackHandlerTest.TOKEN);
        values.put("encodingAesKey", WeComCallbackHandlerTest.AES_KEY);
        values.put("baseUrl", wm.baseUrl());
        ctx = new TestSourceContext("wecom-sales", WeComConfig.FIELDS, values);
        task = new WeComConnector().start(ctx);
        processor = task.workHandler();
    }

    @AfterEach
    void stop() {
        task.close();
        wm.stop();
    }

    @Test
    void fetchesAnAddedCustomerAndIngestsOneRecordPerFollowUser() {
        Stubs.load(wm, "wecom", "gettoken", "externalcontact-get");

        processor.process("evt-1", "change_external_contact", changeEvent("add_external_contact", EXT_ID, "zhangsan", 1_403_610_513L));

        wm.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/get"))
                .withQueryParam("external_userid", equalTo(EXT_ID))
                .withQueryParam("access_token", equalTo("ACCESS-TOKEN-1")));
        assertThat(ctx.batches).hasSize(1);
        List<SourceRecord> records = ctx.records();
        assertThat(records).extracting(r -> r.lead().owner()).containsExactly("zhangsan", "rocky");

        SourceRecord byZhangsan = records.get(0);
        assertThat(byZhangsan.lead().name()).isEqualTo("李四");
        assertThat(byZhangsan.lead().company()).isEqualTo("腾讯科技有限公司");
        assertThat(byZhangsan.lead().identifiers()).containsExactly(
                new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, CORP_ID + "/" + EXT_ID),
                Identifier.unionId("ozynqsulJFCZ2z1aYeS8h-nuasdAAA"),
                Identifier.phone("13800000001"));
        assertThat(byZhangsan.lead().tags()).containsExactly("一级", "老客户");
        assertThat(byZhangsan.interaction().id()).isEqualTo("wecom:" + CORP_ID + "/" + EXT_ID + ":follow:zhangsan");
        assertThat(byZhangsan.interaction().summary()).contains("李部长").contains("对接采购事务");
        assertThat(byZhangsan.interaction().occurredAt()).isEqualTo(Instant.ofEpochSecond(1525779812));
        assertThat(byZhangsan.interaction().details()).containsEntry("state", "teststate");

        SourceRecord byRocky = records.get(1);
        assertThat(byRocky.lead().identifiers()).hasSize(2);
        assertThat(byRocky.interaction().summary()).contains("李总");
        assertThat(ctx.counter("wecom.callback.ingested")).isEqualTo(2);
    }

    @Test
    void aRunAgainIngestsTheSameRecords() {
        Stubs.load(wm, "wecom", "gettoken", "externalcontact-get");
        String xml = changeEvent("edit_external_contact", EXT_ID, "zhangsan", 1_403_610_513L);

        processor.process("evt-1", "change_external_contact", xml);
        processor.process("evt-1", "change_external_contact", xml);

        assertThat(ctx.batches.get(0)).isEqualTo(ctx.batches.get(1));
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken")))).hasSize(1);
    }

    @Test
    void putsARemovalOnTheTimelineWithoutCallingWeCom() {
        processor.process("evt-2", "change_external_contact", changeEvent("del_follow_user", EXT_ID, "rocky", 1_403_610_600L));

        assertThat(wm.getAllServeEvents()).isEmpty();
        SourceRecord r = ctx.records().get(0);
        assertThat(r.lead().identifiers()).containsExactly(new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, CORP_ID + "/" + EXT_ID));
        assertThat(r.lead().name()).isNull();
        assertThat(r.interaction().type()).isEqualTo("removed");
        assertThat(r.interaction().occurredAt()).isEqualTo(Instant.ofEpochSecond(1_403_610_600L));
        assertThat(r.interaction().summary()).isEqualTo("The customer removed rocky from their contacts");
        assertThat(r.interaction().id()).isEqualTo("wecom:" + CORP_ID + "/" + EXT_ID + ":removed:rocky:1403610600");
    }

    @Test
    void aCustomerGoneBeforeTheFetchIsNothingToDo() {
        Stubs.load(wm, "wecom", "gettoken", "externalcontact-get-gone");

        processor.process("evt-3", "change_external_contact",
                changeEvent("add_external_contact", "wmAJ2GCAAAGoneGoneGoneGoneAAAA", "zhangsan", 1L));

        assertThat(ctx.records()).isEmpty();
        assertThat(ctx.counter("wecom.callback.gone")).isEqualTo(1);
    }

    @Test
    void aThrottledFetchIsLeftToTheQueuesRetries() {
        Stubs.load(wm, "wecom", "gettoken");
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/cgi-bin/externalcontact/get"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")));
        WeComConnector fast = new WeComConnector(java.time.Clock.systemUTC(), WeChatApiClient.defaultHttpClient(),
                Stubs.backoff(new Stubs.RecordingSleeper()));
        try (SourceTask t = fast.start(ctx)) {
            assertThatThrownBy(() -> t.workHandler().process("evt-4", "change_external_contact",
                    changeEvent("add_external_contact", EXT_ID, "zhangsan", 1L)))
                    .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isTrue());
        }
        assertThat(ctx.records()).isEmpty();
    }

    @Test
    void turnsACustomersMessageIntoAnInteraction() {
        processor.process("msg-1234567890123456", "message",
                WeChatCallbacks.text("wmAJ2GCAAAzdnCWcQ9hM9HcQ0aXAAA", CORP_ID, 1_348_831_860L, "请发一份报价", "1234567890123456"));

        SourceRecord r = ctx.records().get(0);
        assertThat(r.lead().identifiers()).containsExactly(
                new Identifier(IdentifierType.WECOM_EXTERNAL_USERID, CORP_ID + "/wmAJ2GCAAAzdnCWcQ9hM9HcQ0aXAAA"));
        assertThat(r.interaction().type()).isEqualTo("message");
        assertThat(r.interaction().summary()).isEqualTo("请发一份报价");
        assertThat(r.interaction().id()).isEqualTo("wecom:" + CORP_ID + ":msg-1234567890123456");
        assertThat(r.interaction().occurredAt()).isEqualTo(Instant.ofEpochSecond(1_348_831_860L));
    }

    @Test
    void unreadableWorkGoesStraightToTheDeadLetters() {
        assertThatThrownBy(() -> processor.process("x", "change_external_contact", "not xml"))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> processor.process("x", "something_else", changeEvent("add_external_contact", EXT_ID, "u", 1L)))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.kind()).isEqualTo(HubException.Kind.INVALID_INPUT));
    }
}

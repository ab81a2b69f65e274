package io.kehu.connector.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.kehu.api.spi.ConfigField;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.testing.TestSourceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Descriptors, configuration checks and the pull route of both connector types. */
class WeChatConnectorsTest {

    static final String KEY = WeComCallbackHandlerTest.AES_KEY;

    private WireMockServer wm;
    private DefaultCamelContext camel;

    @BeforeEach
    void startWireMock() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        wm.stop();
    }

    private static Map<String, Object> wecom(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("corpId", WeComClientContractTest.CORP_ID, "secret", "contact-secret"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<ConfigProblem> problems(Map<String, Object> values) {
        ConnectorConfig c = new ConnectorConfig(WeComConfig.FIELDS, values);
        List<ConfigProblem> all = new java.util.ArrayList<>(c.validate());
        all.addAll(new WeComConnector().validate(c));
        return all;
    }

    @Test
    void describesBothTypesWithTheirSecretsMarked() {
        assertThat(new WeComConnector().descriptor().type()).isEqualTo("wecom");
        assertThat(new OfficialAccountConnector().descriptor().type()).isEqualTo("wechat-oa");
        assertThat(new WeComConnector().descriptor().fields()).extracting(ConfigField::key).containsExactly(
                "corpId", "secret", "followUsers", "pollInterval", "callbackToken", "encodingAesKey", "baseUrl", "timestampTolerance");
        assertThat(new WeComConnector().descriptor().fields()).filteredOn(ConfigField::secret).extracting(ConfigField::key)
                .containsExactly("secret", "callbackToken", "encodingAesKey");
        assertThat(new OfficialAccountConnector().descriptor().fields()).extracting(ConfigField::key).containsExactly(
                "appId", "appSecret", "callbackToken", "encodingAesKey", "baseUrl", "timestampTolerance");
        assertThat(new OfficialAccountConnector().descriptor().fields()).filteredOn(ConfigField::secret).extracting(ConfigField::key)
                .containsExactly("appSecret", "callbackToken", "encodingAesKey");
    }

    @Test
    void acceptsAPullOnlyOrCallbackOnlyWeComInstance() {
        assertThat(problems(wecom())).isEmpty();
        assertThat(problems(wecom("pollInterval", "0", "callbackToken", "t", "encodingAesKey", KEY))).isEmpty();
        assertThat(new WeComConfig(new ConnectorConfig(WeComConfig.FIELDS, wecom())).pollInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesWeComConfigurationsThatCannotWork() {
        assertThat(problems(wecom("callbackToken", "t"))).extracting(ConfigProblem::field).containsExactly("encodingAesKey");
        assertThat(problems(wecom("callbackToken", "t", "encodingAesKey", "too-short")))
                .extracting(ConfigProblem::field, ConfigProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("encodingAesKey", "must be the 43-character EncodingAESKey shown by WeChat"));
        assertThat(problems(wecom("pollInterval", "30s"))).extracting(ConfigProblem::field).containsExactly("pollInterval");
        assertThat(problems(wecom("pollInterval", "0"))).extracting(ConfigProblem::message).singleElement().asString().contains("Nothing to do");
        assertThat(problems(wecom("timestampTolerance", "0s"))).extracting(ConfigProblem::field).containsExactly("timestampTolerance");
        assertThat(problems(Map.of("corpId", "ww1"))).extracting(ConfigProblem::field).contains("secret");
    }

    @Test
    void neverShowsSecretsInTheConfiguration() {
        ConnectorConfig c = new ConnectorConfig(WeComConfig.FIELDS, wecom("callbackToken", "tok-123", "encodingAesKey", KEY));
        assertThat(c.toString()).doesNotContain("contact-secret").doesNotContain("tok-123").doesNotContain(KEY);
    }

    @Test
    void refusesABadOfficialAccountKey() {
        ConnectorConfig c = new ConnectorConfig(OfficialAccountConfig.FIELDS,
                Map.of("appId", "wx1", "appSecret", "s", "callbackToken", "t", "encodingAesKey", "x".repeat(42)));
        assertThat(new OfficialAccountConnector().validate(c)).extracting(ConfigProblem::field).containsExactly("encodingAesKey");
        assertThat(new ConnectorConfig(OfficialAccountConfig.FIELDS, Map.of("appId", "wx1")).validate())
                .extracting(ConfigProblem::field).contains("appSecret", "callbackToken");
    }

    @Test
    void pullsOnACamelTimerRouteNamedAfterTheInstance() throws Exception {
        Stubs.load(wm, "wecom", "gettoken", "batch-get-by-user-any");
        camel = new DefaultCamelContext();
        camel.start();
        TestSourceContext ctx = new TestSourceContext("wecom-sales", WeComConfig.FIELDS,
                wecom("pollInterval", "1m", "followUsers", "rocky", "baseUrl", wm.baseUrl()));
        ctx.routeTarget = routes -> {
            try {
                camel.addRoutes(routes);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        try (SourceTask task = new WeComConnector().start(ctx)) {
            assertThat(camel.getRoute("wecom-sales-pull")).isNotNull();
            assertThat(camel.getRoute("wecom-sales-pull").getEndpoint().getEndpointUri())
                    .contains("wecom-sales-pull").contains("period=60000");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    wm.verify(1, postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/batch/get_by_user"))));
            await().atMost(Duration.ofSeconds(5)).until(() -> ctx.counter("wecom.pull.runs") == 1);
        }
    }

    @Test
    void addsNoRouteWhenPullingIsOff() {
        TestSourceContext ctx = new TestSourceContext("wecom-cb", WeComConfig.FIELDS,
                wecom("pollInterval", "0", "callbackToken", "t", "encodingAesKey", KEY));
        try (SourceTask task = new WeComConnector().start(ctx)) {
            assertThat(ctx.routes).isEmpty();
            assertThat(task.webhook()).isNotNull();
            assertThat(task.workHandler()).isNotNull();
        }
    }
}

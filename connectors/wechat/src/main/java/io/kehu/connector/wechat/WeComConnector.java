package io.kehu.connector.wechat;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.SourceConnector;
import io.kehu.api.spi.SourceContext;
import io.kehu.api.spi.SourceTask;
import io.kehu.api.spi.StateStore;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.builder.RouteBuilder;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * WeCom (企业微信) customer contact: pulls the follow users' customers on a timer (only what
 * changed) and receives change events on {@code /hooks/<instance id>}.
 */
@Extension
public class WeComConnector implements SourceConnector {

    public static final String TYPE = "wecom";
    private static final Logger log = LoggerFactory.getLogger(WeComConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "WeCom customers",
            "企业微信客户联系",
            "Pulls the customers (external contacts) of WeCom members, with remarks, phones, tags and owner, and "
                    + "receives their add/edit/delete events by callback.",
            ConnectorKind.SOURCE,
            WeComConfig.FIELDS);

    private final Clock clock;
    private final HttpClient http;
    private final Backoff backoff;

    public WeComConnector() {
        this(Clock.systemUTC(), WeChatApiClient.defaultHttpClient(), Backoff.standard());
    }

    WeComConnector(Clock clock, HttpClient http, Backoff backoff) {
        this.clock = clock;
        this.http = http;
        this.backoff = backoff;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return WeComConfig.validate(config);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        WeComConfig c = new WeComConfig(config);
        WeComClient client = new WeComClient(c.baseUrl(), c.corpId(), c.secret(), new MemoryState(), http, clock, backoff);
        try {
            int members = client.followUsers().size();
            return CheckResult.ok("Signed in to WeCom; " + members + " members have customer contact enabled");
        } catch (HubException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public SourceTask start(SourceContext ctx) {
        WeComConfig config = new WeComConfig(ctx.config());
        WeComClient client = new WeComClient(config.baseUrl(), config.corpId(), config.secret(), ctx.state(), http, clock, backoff);
        WeComRecordMapper mapper = new WeComRecordMapper(config.corpId());
        WeComEventProcessor processor = new WeComEventProcessor(client, mapper, ctx.ingest(), ctx.metrics());
        WeComCallbackHandler handler = config.callbacksEnabled()
                ? new WeComCallbackHandler(config.crypto(), config.timestampTolerance(), ctx::work, ctx.metrics())
                : null;
        WeComPuller puller = new WeComPuller(config, client, mapper, ctx.ingest(), ctx.state(), ctx.metrics());
        if (!config.pollInterval().isZero()) {
            ctx.addRoutes(pullRoute(ctx.instanceId(), config, puller));
            log.info("Pulling WeCom customers every {}", config.pollInterval());
        }
        if (handler != null) {
            log.info("Receiving WeCom callbacks on /hooks/{}", ctx.instanceId());
        }
        return new WeChatTask(handler, processor, puller::stop);
    }

    /** A timer route: one run at a time (a run outlasting the period delays the next), the first soon after start. */
    static RouteBuilder pullRoute(String instanceId, WeComConfig config, WeComPuller puller) {
        long period = config.pollInterval().toMillis();
        String uri = "timer:" + instanceId + "-pull?delay=" + Math.min(5_000, period) + "&period=" + period;
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(instanceId + "-pull").process(e -> {
                    // Timer threads are Camel's: the host's MDC is not set around them.
                    MDC.put("connector.id", instanceId);
                    MDC.put("plugin.id", "wechat");
                    try {
                        puller.pullQuietly();
                    } finally {
                        MDC.remove("connector.id");
                        MDC.remove("plugin.id");
                    }
                });
            }
        };
    }

    /** State for {@link #check}: a token fetched there is not kept. */
    static final class MemoryState implements StateStore {
        private final Map<String, String> values = new ConcurrentHashMap<>();

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public void put(String key, String value) {
            values.put(key, value);
        }

        @Override
        public void delete(String key) {
            values.remove(key);
        }
    }
}

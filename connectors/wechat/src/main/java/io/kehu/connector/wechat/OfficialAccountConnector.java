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
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Official Account (公众号): followers and their messages by callback on
 * {@code /hooks/<instance id>}, keyed by openid, with the unionid when the account has one.
 */
@Extension
public class OfficialAccountConnector implements SourceConnector {

    public static final String TYPE = "wechat-oa";
    private static final Logger log = LoggerFactory.getLogger(OfficialAccountConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "WeChat Official Account",
            "微信公众号",
            "Receives follows, unfollows, QR code scans and messages of an Official Account by callback "
                    + "(plain or safe mode) and puts them on the follower's timeline.",
            ConnectorKind.SOURCE,
            OfficialAccountConfig.FIELDS);

    private final Clock clock;
    private final HttpClient http;
    private final Backoff backoff;

    public OfficialAccountConnector() {
        this(Clock.systemUTC(), WeChatApiClient.defaultHttpClient(), Backoff.standard());
    }

    OfficialAccountConnector(Clock clock, HttpClient http, Backoff backoff) {
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
        return OfficialAccountConfig.validate(config);
    }

    /** Fetches a token. Note: every token request starts the five-minute retirement of the account's previous token. */
    @Override
    public CheckResult check(ConnectorConfig config) {
        OfficialAccountConfig c = new OfficialAccountConfig(config);
        OfficialAccountClient client = new OfficialAccountClient(c.baseUrl(), c.appId(), c.appSecret(),
                new WeComConnector.MemoryState(), http, clock, backoff);
        try {
            client.token();
            return CheckResult.ok("Signed in to the Official Account API");
        } catch (HubException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public SourceTask start(SourceContext ctx) {
        OfficialAccountConfig config = new OfficialAccountConfig(ctx.config());
        OfficialAccountClient client = new OfficialAccountClient(config.baseUrl(), config.appId(), config.appSecret(),
                ctx.state(), http, clock, backoff);
        OfficialAccountEventProcessor processor = new OfficialAccountEventProcessor(config.appId(), client, ctx.ingest(),
                ctx.state(), ctx.metrics(), clock);
        WeComCrypto crypto = config.crypto();
        OfficialAccountCallbackHandler handler = new OfficialAccountCallbackHandler(crypto, config.timestampTolerance(),
                ctx::work, ctx.metrics());
        log.info("Receiving Official Account callbacks on /hooks/{} in {} mode", ctx.instanceId(),
                crypto.encrypting() ? "safe" : "plain");
        return new WeChatTask(handler, processor, () -> { });
    }
}

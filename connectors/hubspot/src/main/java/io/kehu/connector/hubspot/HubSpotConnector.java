package io.kehu.connector.hubspot;

import io.kehu.api.HubException;
import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.connector.kit.HttpAnswer;
import io.kehu.connector.kit.JsonHttp;

import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers qualified leads to HubSpot as contacts, upserted by a unique property. */
@Extension
public class HubSpotConnector implements DestinationConnector {

    public static final String TYPE = "hubspot";
    private static final Logger log = LoggerFactory.getLogger(HubSpotConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "HubSpot",
            "HubSpot",
            "Upserts qualified leads as HubSpot contacts by e-mail or another unique property (100 per call), with the "
                    + "owner as hubspot_owner_id, within the account's per-10-second limit. Authenticates with a private app token.",
            ConnectorKind.DESTINATION,
            HubSpotConfig.FIELDS);

    private final Clock clock;

    public HubSpotConnector() {
        this(Clock.systemUTC());
    }

    HubSpotConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return HubSpotConfig.validate(config);
    }

    /** Reads one contact: proves the token and its contacts scope. */
    @Override
    public CheckResult check(ConnectorConfig config) {
        HubSpotConfig c = new HubSpotConfig(config);
        HubSpotClient client = client(c);
        try {
            HttpAnswer answer = client.readOneContact();
            if (!answer.ok()) {
                throw client.failure(answer);
            }
            answer.json();
            return CheckResult.ok("The private app token can read contacts; upserts match on " + c.idProperty());
        } catch (HubException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        HubSpotConfig c = new HubSpotConfig(context.config());
        log.info("HubSpot destination {} upserts contacts by {}, at most {} calls per 10 s", context.instanceId(),
                c.idProperty(), c.callsPer10Seconds());
        return new HubSpotTask(c, client(c), context.metrics());
    }

    private HubSpotClient client(HubSpotConfig c) {
        return new HubSpotClient(c, new JsonHttp(HubSpotClient.VENDOR, c.timeout(), clock));
    }
}

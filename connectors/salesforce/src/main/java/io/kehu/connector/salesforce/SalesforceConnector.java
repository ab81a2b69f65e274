package io.kehu.connector.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.kehu.connector.kit.MemoryStateStore;

import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers qualified leads to Salesforce as Leads, upserted by an external id field. */
@Extension
public class SalesforceConnector implements DestinationConnector {

    public static final String TYPE = "salesforce";
    private static final Logger log = LoggerFactory.getLogger(SalesforceConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "Salesforce",
            "Salesforce",
            "Upserts qualified leads as Salesforce Leads by an External ID field (200 per call), with the owner as OwnerId; "
                    + "OAuth 2.0 client credentials, password or refresh token flow.",
            ConnectorKind.DESTINATION,
            SalesforceConfig.FIELDS);

    private final Clock clock;

    public SalesforceConnector() {
        this(Clock.systemUTC());
    }

    SalesforceConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return SalesforceConfig.validate(config);
    }

    /** Fetches a token and reads the Lead description: proves the credentials and the external id field. */
    @Override
    public CheckResult check(ConnectorConfig config) {
        SalesforceConfig c = new SalesforceConfig(config);
        SalesforceClient client = new SalesforceClient(c, new MemoryStateStore(), http(c));
        try {
            HttpAnswer answer = client.describeLead();
            if (!answer.ok()) {
                throw client.failure(answer);
            }
            for (JsonNode field : answer.json().path("fields")) {
                if (c.externalIdField().equals(field.path("name").asText())) {
                    return field.path("externalId").asBoolean(false)
                            ? CheckResult.ok("Signed in; Lead." + c.externalIdField() + " is an External ID field")
                            : CheckResult.failed("Lead." + c.externalIdField() + " exists but is not marked External ID");
                }
            }
            return CheckResult.failed("Signed in, but Lead has no field " + c.externalIdField()
                    + " visible to this user: create it as Text, External ID, Unique");
        } catch (HubException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        SalesforceConfig c = new SalesforceConfig(context.config());
        SalesforceClient client = new SalesforceClient(c, context.secrets(), http(c));
        log.info("Salesforce destination {} upserts Leads by {} (API v{}, {} grant)", context.instanceId(),
                c.externalIdField(), c.apiVersion(), c.grantType());
        return new SalesforceTask(c, client, context.metrics());
    }

    private JsonHttp http(SalesforceConfig c) {
        return new JsonHttp(SalesforceClient.VENDOR, c.timeout(), clock);
    }
}

package io.kehu.connector.zoho;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers qualified leads to Zoho CRM as Leads through the upsert API. */
@Extension
public class ZohoConnector implements DestinationConnector {

    public static final String TYPE = "zoho";
    private static final Logger log = LoggerFactory.getLogger(ZohoConnector.class);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(
            TYPE,
            "Zoho CRM",
            "Zoho CRM",
            "Upserts qualified leads as Zoho CRM Leads (100 per call), matched on an external id field and Email, with the "
                    + "owner as Owner; every data centre including China (zoho.com.cn). Refresh-token OAuth.",
            ConnectorKind.DESTINATION,
            ZohoConfig.FIELDS);

    private final Clock clock;

    public ZohoConnector() {
        this(Clock.systemUTC());
    }

    ZohoConnector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        return ZohoConfig.validate(config);
    }

    /** Fetches a token and reads the Leads fields: proves the credentials and the duplicate check fields. */
    @Override
    public CheckResult check(ConnectorConfig config) {
        ZohoConfig c = new ZohoConfig(config);
        ZohoClient client = client(c, new MemoryStateStore());
        try {
            HttpAnswer answer = client.leadFields();
            if (!answer.ok()) {
                throw client.failure(answer);
            }
            Set<String> names = new HashSet<>();
            for (JsonNode field : answer.json().path("fields")) {
                names.add(field.path("api_name").asText());
            }
            List<String> missing = new ArrayList<>(c.duplicateCheckFields());
            missing.removeAll(names);
            return missing.isEmpty()
                    ? CheckResult.ok("Signed in; Leads has the duplicate check fields " + c.duplicateCheckFields())
                    : CheckResult.failed("Signed in, but Leads has no field " + String.join(", ", missing)
                            + ": create it as a single line field with 'Do not allow duplicate values'");
        } catch (HubException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        ZohoConfig c = new ZohoConfig(context.config());
        log.info("Zoho CRM destination {} upserts Leads matched on {} via {}", context.instanceId(),
                c.duplicateCheckFields(), c.accountsUrl().getHost());
        return new ZohoTask(c, client(c, context.secrets()), context.metrics());
    }

    private ZohoClient client(ZohoConfig c, io.kehu.api.spi.StateStore secrets) {
        return new ZohoClient(c, secrets, new JsonHttp(ZohoClient.VENDOR, c.timeout(), clock));
    }
}

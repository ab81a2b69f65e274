package io.kehu.connector.neocrm;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.MemoryStateStore;
import java.time.Clock;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 销售易 (Neocrm) as a destination: qualified leads become lead records. */
@Extension
public class NeocrmConnector implements DestinationConnector {

    private static final Logger log = LoggerFactory.getLogger(NeocrmConnector.class);

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("neocrm", "Neocrm (Xiaoshouyi) leads", "销售易 线索",
                "Creates and updates leads in 销售易 through its REST API v2.0, without duplicates.",
                ConnectorKind.DESTINATION, NeocrmConfig.FIELDS);
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        NeocrmConfig c = NeocrmConfig.of(config);
        // A look-up by the external key proves the credentials and the field, and changes nothing.
        try {
            new NeocrmClient(c, new MemoryStateStore(), Clock.systemUTC()).findByExternalKey("kehu-check");
            return CheckResult.ok("Neocrm accepted the credentials and the look-up by " + c.externalKeyField());
        } catch (RemoteCallException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        NeocrmConfig c = NeocrmConfig.of(context.config());
        log.info("Neocrm destination {} delivers to {}", context.instanceId(), c.apiUrl());
        return new NeocrmTask(c, context, Clock.systemUTC());
    }
}

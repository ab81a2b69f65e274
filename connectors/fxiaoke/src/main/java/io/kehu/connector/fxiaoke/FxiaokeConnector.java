package io.kehu.connector.fxiaoke;

import io.kehu.api.spi.CheckResult;
import io.kehu.api.spi.ConfigProblem;
import io.kehu.api.spi.ConnectorConfig;
import io.kehu.api.spi.ConnectorDescriptor;
import io.kehu.api.spi.ConnectorKind;
import io.kehu.api.spi.DestinationConnector;
import io.kehu.api.spi.DestinationContext;
import io.kehu.api.spi.DestinationTask;
import io.kehu.api.spi.RemoteCallException;
import io.kehu.connector.kit.MemoryStateStore;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 纷享销客 (Fxiaoke) as a destination: qualified leads become LeadsObj records. */
@Extension
public class FxiaokeConnector implements DestinationConnector {

    private static final Logger log = LoggerFactory.getLogger(FxiaokeConnector.class);

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("fxiaoke", "Fxiaoke CRM leads", "纷享销客 线索",
                "Creates and updates leads (LeadsObj) in 纷享销客 through its Open API, without duplicates.",
                ConnectorKind.DESTINATION, FxiaokeConfig.FIELDS);
    }

    @Override
    public List<ConfigProblem> validate(ConnectorConfig config) {
        String field = config.string("externalKeyField");
        if (field != null && !field.endsWith("__c")) {
            return List.of(new ConfigProblem("externalKeyField", "must be a custom field, whose API name ends in __c"));
        }
        return List.of();
    }

    @Override
    public CheckResult check(ConnectorConfig config) {
        FxiaokeConfig c = FxiaokeConfig.of(config);
        // A look-up by the external key proves the credentials, the acting user and the field, and changes nothing.
        try {
            new FxiaokeClient(c, new MemoryStateStore(), Clock.systemUTC()).findByExternalKey("kehu-check");
            return CheckResult.ok("Fxiaoke accepted the app credentials and the look-up by " + c.externalKeyField());
        } catch (RemoteCallException e) {
            return CheckResult.failed(e.getMessage());
        }
    }

    @Override
    public DestinationTask start(DestinationContext context) {
        FxiaokeConfig c = FxiaokeConfig.of(context.config());
        log.info("Fxiaoke destination {} delivers to {} as {}", context.instanceId(), c.baseUrl(), c.objectApiName());
        return new FxiaokeTask(c, context, Clock.systemUTC());
    }
}

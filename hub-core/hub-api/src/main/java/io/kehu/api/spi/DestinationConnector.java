package io.kehu.api.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** A kind of destination: a CRM or a webhook that receives qualified leads. */
public interface DestinationConnector extends ExtensionPoint {

    ConnectorDescriptor descriptor();

    default List<ConfigProblem> validate(ConnectorConfig config) {
        return List.of();
    }

    default CheckResult check(ConnectorConfig config) {
        return CheckResult.ok("Nothing to check");
    }

    DestinationTask start(DestinationContext context);
}

package io.kehu.api.spi;

import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * A kind of source: spreadsheets, WeCom, an IMAP mailbox, a web form. A plugin marks its
 * implementation with {@code @Extension}; the hub creates any number of instances of it, each
 * with its own configuration and state.
 */
public interface SourceConnector extends ExtensionPoint {

    /** The connector's type, names and configuration fields. */
    ConnectorDescriptor descriptor();

    /**
     * Checks beyond the per-field ones of {@link ConnectorConfig#validate()}, such as fields that
     * depend on each other. Called before every start.
     */
    default List<ConfigProblem> validate(ConnectorConfig config) {
        return List.of();
    }

    /** Tries the remote side (log in, list a folder) with this configuration without changing anything. */
    default CheckResult check(ConnectorConfig config) {
        return CheckResult.ok("Nothing to check");
    }

    /**
     * Starts one instance: adds its routes through {@link SourceContext#addRoutes} or starts its
     * own polling, feeding records to {@link SourceContext#ingest()}.
     *
     * @return the running task; the hub closes it when the instance stops
     */
    SourceTask start(SourceContext context);
}

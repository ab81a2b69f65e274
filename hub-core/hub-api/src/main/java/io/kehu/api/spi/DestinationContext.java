package io.kehu.api.spi;

/** What the hub gives a running destination connector instance. */
public interface DestinationContext {

    String instanceId();

    ConnectorConfig config();

    /** Durable state, e.g. a cached access token that must survive restarts. */
    StateStore state();

    ConnectorMetrics metrics();
}

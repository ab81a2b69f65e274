package io.kehu.api.spi;

/** What the hub gives a running destination connector instance. */
public interface DestinationContext {

    String instanceId();

    ConnectorConfig config();

    /** Durable state of this instance, e.g. a mapping cursor. Stored in plain text. */
    StateStore state();

    /**
     * Durable state encrypted at rest, for access and refresh tokens that must survive restarts.
     * Values never appear in logs or API answers.
     */
    StateStore secrets();

    ConnectorMetrics metrics();
}

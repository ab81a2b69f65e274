package io.kehu.api.spi;

/** Whether a connector brings records into the hub or delivers leads out of it. */
public enum ConnectorKind {
    SOURCE,
    DESTINATION
}

package io.kehu.api.spi;

/** Counters of one connector instance, shown in its health. */
public interface ConnectorMetrics {

    /** Adds {@code n} to the counter {@code name} (e.g. {@code records.read}). */
    void increment(String name, long n);

    /** Records the last error for the health view; the message must be free of secrets. */
    void error(String message);
}

package io.kehu.server.connectors;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.KeyValueStore;
import io.kehu.server.imports.ImportService;
import io.kehu.server.ingest.IngestService;
import io.kehu.server.work.DeadLetterService;
import io.kehu.server.work.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.CamelContext;

/**
 * The hub services every connector instance gets a view of.
 *
 * @param secretBox  encrypts destination instances' secret state
 * @param deliveries runs the outbox deliveries of destination instances
 * @param meters     where instances' counters and ingest timings are mirrored for Prometheus
 */
public record InstanceServices(
        IngestService ingest,
        KeyValueStore state,
        ImportService imports,
        DeadLetterService deadLetters,
        Documents docs,
        IndexNames names,
        CamelContext camel,
        RetryPolicy retryPolicy,
        Clock clock,
        Path dataDir,
        SecretBox secretBox,
        DeliveryRunner deliveries,
        MeterRegistry meters) {
}

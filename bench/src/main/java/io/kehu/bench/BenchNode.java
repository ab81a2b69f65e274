package io.kehu.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.ElasticsearchClients;
import io.kehu.search.SearchConnection;
import io.kehu.search.embedded.EmbeddedElasticsearch;
import io.kehu.search.embedded.EsNodeLocator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh embedded Elasticsearch node for one phase of the benchmark (baseline, CSV, XLSX), with a client. Every
 * phase starts on an equally cold node with empty data, so no phase is favoured by running after another one.
 */
final class BenchNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BenchNode.class);

    private final EmbeddedElasticsearch node;
    private final URI uri;
    private final ElasticsearchClient client;

    private BenchNode(EmbeddedElasticsearch node, URI uri, ElasticsearchClient client) {
        this.node = node;
        this.uri = uri;
        this.client = client;
    }

    /** Starts a node with its data under {@code <workDir>/es-<phase>} and its log in {@code <workDir>/logs}. */
    static BenchNode start(Path workDir, String phase, String heap) {
        String jvmOptions = "-Xmx" + heap + " -Xms" + heap;
        if (System.getenv("KEHU_BENCH_JFR") != null) {
            // Most of an import's CPU is the node's: record it too, next to the hub's recording.
            jvmOptions += " -XX:StartFlightRecording=filename=" + workDir.resolve("es-" + phase + ".jfr") + ",settings=profile";
        }
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(EsNodeLocator.locate(), workDir.resolve("es-" + phase).resolve("data"))
                .httpPort(0)
                .heap(jvmOptions)
                .logFile(workDir.resolve("logs").resolve("es-node-" + phase + ".log"))
                .clusterName("kehu-bench")
                .nodeName("kehu-bench-" + phase)
                .build();
        try {
            URI uri = node.start();
            return new BenchNode(node, uri, ElasticsearchClients.create(SearchConnection.of(uri), new ObjectMapper()));
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    URI uri() {
        return uri;
    }

    ElasticsearchClient client() {
        return client;
    }

    /** The node's process, whose CPU time the benchmark reads. */
    ProcessHandle process() {
        return node.process().orElseThrow(() -> new IllegalStateException("The benchmark's Elasticsearch node is not running"));
    }

    @Override
    public void close() {
        try {
            client._transport().close();
        } catch (IOException e) {
            log.debug("Closing the Elasticsearch client failed", e);
        } finally {
            node.close();
        }
    }
}

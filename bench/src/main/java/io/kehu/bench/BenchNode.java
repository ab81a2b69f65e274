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
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(EsNodeLocator.locate(), workDir.resolve("es-" + phase).resolve("data"))
                .httpPort(0)
                .heap("-Xmx" + heap + " -Xms" + heap)
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

package io.kehu.server.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.ElasticsearchClients;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import io.kehu.search.KeyValueStore;
import io.kehu.search.ProfileStore;
import io.kehu.search.SearchConnection;
import io.kehu.search.embedded.EmbeddedElasticsearch;
import io.kehu.search.embedded.EsNodeLocator;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connects to Elasticsearch: the configured cluster, or, with none configured, an embedded node
 * the hub starts as a child process and stops with itself.
 */
@Configuration(proxyBeanMethods = false)
public class SearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    /** The node the hub runs when no cluster is configured; null-object otherwise. */
    public record EmbeddedNode(EmbeddedElasticsearch node) implements AutoCloseable {
        @Override
        public void close() {
            if (node != null) {
                node.close();
            }
        }
    }

    @Bean(destroyMethod = "close")
    EmbeddedNode embeddedNode(HubProperties props) {
        if (!props.getSearch().getUris().isEmpty()) {
            return new EmbeddedNode(null);
        }
        HubProperties.Embedded e = props.getSearch().getEmbedded();
        Path lib = e.getLib() != null ? e.getLib() : EsNodeLocator.locate();
        EmbeddedElasticsearch node = EmbeddedElasticsearch.builder(lib, props.getDataDir().resolve("elasticsearch"))
                .logFile(props.getDataDir().resolve("logs").resolve("elasticsearch.log"))
                .httpPort(e.getPort())
                .heap("-Xms" + e.getHeap() + " -Xmx" + e.getHeap())
                .build();
        log.info("No Elasticsearch cluster configured (hub.search.uris): starting the embedded node");
        node.start();
        return new EmbeddedNode(node);
    }

    @Bean
    SearchConnection searchConnection(HubProperties props, EmbeddedNode embedded) {
        HubProperties.Search s = props.getSearch();
        List<URI> uris = embedded.node() != null ? List.of(embedded.node().uri()) : s.getUris();
        return new SearchConnection(uris, blankToNull(s.getUsername()), blankToNull(s.getPassword()),
                blankToNull(s.getApiKey()), s.getCaCertificate(), false);
    }

    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(SearchConnection connection, ObjectMapper mapper) {
        return ElasticsearchClients.create(connection, mapper);
    }

    @Bean
    IndexNames indexNames(HubProperties props) {
        return new IndexNames(props.getSearch().getIndexPrefix());
    }

    @Bean
    IndexManager indexManager(ElasticsearchClient client, IndexNames names) {
        IndexManager m = new IndexManager(client, names);
        m.ensureIndices();
        return m;
    }

    @Bean
    Documents documents(ElasticsearchClient client, IndexManager indicesReady) {
        return new Documents(client);
    }

    @Bean
    BulkWriter bulkWriter(ElasticsearchClient client) {
        return new BulkWriter(client);
    }

    @Bean
    ProfileStore profileStore(Documents docs, IndexNames names) {
        return new ProfileStore(docs, names);
    }

    @Bean
    KeyValueStore keyValueStore(Documents docs, IndexNames names) {
        return new KeyValueStore(docs, names);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

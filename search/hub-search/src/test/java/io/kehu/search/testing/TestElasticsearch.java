package io.kehu.search.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kehu.search.ElasticsearchClients;
import io.kehu.search.IndexManager;
import io.kehu.search.IndexNames;
import io.kehu.search.SearchConnection;
import io.kehu.search.embedded.EmbeddedElasticsearch;
import io.kehu.search.embedded.EsNodeLocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One real Elasticsearch node per test JVM, shared by every test class in it.
 *
 * <p>Started on first use, stopped by a shutdown hook when the JVM ends. Its data lives in a fresh folder under
 * {@code target/} and is deleted at the end; its log stays in {@code target/es-test-<n>/logs/es-node.log}.
 * Test classes share the node, so each names its indices with {@link #indexPrefix(Class)}.
 *
 * <pre>{@code
 * ElasticsearchClient es = TestElasticsearch.client();
 * String index = TestElasticsearch.indexPrefix(getClass()) + "profiles";
 * }</pre>
 *
 * The node's jars come from the system property {@code es.node.lib}, which the parent pom passes to surefire
 * and failsafe, or from {@link EsNodeLocator}. They exist after {@code package} of {@code search/es-node}, so
 * use the node from {@code *IT} classes (failsafe runs after {@code package}).
 */
public final class TestElasticsearch {

    private static EmbeddedElasticsearch node;
    private static ElasticsearchClient client;

    private TestElasticsearch() {}

    /** A client of the shared node, starting the node if needed. Do not close it. */
    public static synchronized ElasticsearchClient client() {
        if (client == null) {
            client = ElasticsearchClients.create(SearchConnection.of(uri()), new ObjectMapper());
        }
        return client;
    }

    /** The shared node's base URI, starting the node if needed. */
    public static synchronized URI uri() {
        if (node == null) {
            Path root = newTestDir();
            // Every test class (and some tests) gets all of the hub's indices under a prefix of its own, one shard
            // each: a full test run holds well over Elasticsearch's default of 1,000 shards per node.
            node = EmbeddedElasticsearch.builder(libDir(), root.resolve("data")).nodeName("kehu-test")
                    .setting("cluster.max_shards_per_node", "5000").build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(root), "test-elasticsearch-shutdown"));
            node.start();
        }
        return node.uri();
    }

    /**
     * A prefix for the indices of one test class, unique per call, e.g. {@code t-embeddedelasticsearchit-4f3a-}.
     * Lower case, as index names must be.
     */
    public static String indexPrefix(Class<?> testClass) {
        // The same class always gets the same prefix within a JVM: a test and the app it starts must agree.
        return PREFIXES.computeIfAbsent(testClass, c -> {
            String name = c.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            String random = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
            return "t-" + name + "-" + random + "-";
        });
    }

    private static final java.util.Map<Class<?>, String> PREFIXES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The folder with the node's jars, for tests that start an {@link EmbeddedElasticsearch} of their own. */
    public static Path libDir() {
        return EsNodeLocator.locate();
    }

    /** A fresh, empty folder under {@code target/}, e.g. for the data of a test's own node. */
    public static Path newTestDir() {
        try {
            Path target = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"));
            return Files.createTempDirectory(target, "es-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stop(Path root) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException e) {
                // the node goes away next anyway
            }
        }
        node.close();
        deleteTree(root.resolve("data"));
    }

    /** Deletes a folder and everything in it, ignoring what cannot be deleted. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ go with the next clean
        }
    }

    /** The hub's indices under {@code testClass}'s own prefix, created where missing. */
    public static IndexNames indices(Class<?> testClass) {
        return indices(indexPrefix(testClass));
    }

    /** The hub's indices under {@code prefix}, created where missing. */
    public static IndexNames indices(String prefix) {
        IndexNames names = new IndexNames(prefix);
        new IndexManager(client(), names).ensureIndices();
        return names;
    }
}

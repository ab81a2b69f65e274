package io.kehu.search.embedded;

import io.kehu.api.HubException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedElasticsearch}, from {@link EmbeddedElasticsearch#builder}; every one but the two
 * folders has a default.
 */
public final class EmbeddedElasticsearchBuilder {
    final Path libDir;
    final Path dataDir;
    Path logFile;
    int httpPort;
    List<String> heap = split(EmbeddedElasticsearch.DEFAULT_HEAP);
    Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
    Duration startTimeout = EmbeddedElasticsearch.DEFAULT_START_TIMEOUT;
    String clusterName = "kehu-hub";
    String nodeName = "kehu-es";
    final Map<String, String> settings = new LinkedHashMap<>();

    EmbeddedElasticsearchBuilder(Path libDir, Path dataDir) {
        this.libDir = Objects.requireNonNull(libDir, "libDir");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
    }

    /** HTTP port; 0 (the default) takes any free one. The hub passes 9200. */
    public EmbeddedElasticsearchBuilder httpPort(int port) {
        if (port < 0 || port > 65535) {
            throw HubException.configuration("The embedded Elasticsearch port must be 0 to 65535, not " + port);
        }
        this.httpPort = port;
        return this;
    }

    /** JVM heap options, e.g. {@code "-Xmx1g -Xms1g"}; default {@value EmbeddedElasticsearch#DEFAULT_HEAP}. */
    public EmbeddedElasticsearchBuilder heap(String jvmHeapOptions) {
        this.heap = split(jvmHeapOptions);
        return this;
    }

    public EmbeddedElasticsearchBuilder javaExecutable(Path java) {
        this.javaExecutable = Objects.requireNonNull(java, "java");
        return this;
    }

    public EmbeddedElasticsearchBuilder startTimeout(Duration timeout) {
        this.startTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Where the node's output goes; default {@code <data dir>/../logs/es-node.log}. */
    public EmbeddedElasticsearchBuilder logFile(Path file) {
        this.logFile = file.toAbsolutePath().normalize();
        return this;
    }

    public EmbeddedElasticsearchBuilder clusterName(String name) {
        this.clusterName = Objects.requireNonNull(name, "clusterName");
        return this;
    }

    public EmbeddedElasticsearchBuilder nodeName(String name) {
        this.nodeName = Objects.requireNonNull(name, "nodeName");
        return this;
    }

    /** Any further node setting, passed as {@code -E key=value}. */
    public EmbeddedElasticsearchBuilder setting(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public EmbeddedElasticsearch build() {
        // A copy, so that changing this builder later does not change the node built from it.
        EmbeddedElasticsearchBuilder copy = new EmbeddedElasticsearchBuilder(libDir, dataDir);
        Path dataParent = dataDir.getParent() == null ? dataDir : dataDir.getParent();
        copy.logFile = logFile != null ? logFile : dataParent.resolve("logs").resolve("es-node.log");
        copy.httpPort = httpPort;
        copy.heap = heap;
        copy.javaExecutable = javaExecutable;
        copy.startTimeout = startTimeout;
        copy.clusterName = clusterName;
        copy.nodeName = nodeName;
        copy.settings.putAll(settings);
        return new EmbeddedElasticsearch(copy);
    }

    private static List<String> split(String options) {
        return options == null || options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }
}

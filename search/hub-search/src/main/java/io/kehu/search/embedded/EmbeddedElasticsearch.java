package io.kehu.search.embedded;

import io.kehu.api.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch 8.19 node in a child process, started from the jars of the {@code es-node} module.
 *
 * <p>Its own process keeps Elasticsearch's log4j, Netty and Lucene off the hub's class path. The child gets a
 * stdin pipe that stays open: if this JVM dies, even by SIGKILL, the pipe closes and the node stops. Its output
 * goes to a log file ({@code <data dir>/../logs/es-node.log} unless set; the previous run's is kept as
 * {@code .1}). Indices live in the data dir and survive restarts. A JVM shutdown hook closes the node too.
 *
 * <pre>{@code
 * try (var es = EmbeddedElasticsearch.builder(EsNodeLocator.locate(), Path.of("data/es")).httpPort(9200).build()) {
 *     URI uri = es.start();
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    /** JVM heap options of the node unless {@link EmbeddedElasticsearchBuilder#heap} says otherwise. */
    public static final String DEFAULT_HEAP = "-Xmx512m -Xms256m";
    /** How long {@link #start()} waits for the node unless {@link EmbeddedElasticsearchBuilder#startTimeout} says otherwise. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** The file in the data dir where the node writes its URL once it serves HTTP. */
    static final String HTTP_URL_FILE = "http.url";
    private static final String MAIN_CLASS = "io.kehu.esnode.EsNodeMain";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(EmbeddedElasticsearch.class);

    private final EmbeddedElasticsearchBuilder config;
    private Process process;
    private OutputStream stdin;
    private URI uri;
    private Thread shutdownHook;

    EmbeddedElasticsearch(EmbeddedElasticsearchBuilder config) {
        this.config = config;
    }

    /**
     * @param libDir  the node's jars, usually from {@link EsNodeLocator#locate()}
     * @param dataDir where the node keeps its indices
     */
    public static EmbeddedElasticsearchBuilder builder(Path libDir, Path dataDir) {
        return new EmbeddedElasticsearchBuilder(libDir, dataDir);
    }

    /**
     * Starts the node, or returns the URI of the one already running.
     *
     * @return the node's base URI, e.g. {@code http://127.0.0.1:9200}, once it answers {@code GET /} and its
     *     existing indices have their primaries assigned (cluster health yellow)
     * @throws HubException when the node exits early, e.g. because another node holds the data dir or the port is
     *     taken, or is not ready within the start timeout; the message ends with the last lines of its log
     */
    public synchronized URI start() {
        if (process != null && process.isAlive()) {
            return uri;
        }
        // A node that died on its own since the last start leaves its pipe and hook behind.
        close();
        Instant deadline = Instant.now().plus(config.startTimeout);
        Path urlFile = config.dataDir.resolve(HTTP_URL_FILE);
        try {
            Files.createDirectories(config.dataDir);
            Files.createDirectories(config.logFile.toAbsolutePath().getParent());
            deleteStaleUrlFile(urlFile);
            NodeLog.rotate(config.logFile);
            log.info("Starting embedded Elasticsearch with data in {}, logging to {}", config.dataDir, config.logFile);
            process = new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile.toFile()))
                .start();
            stdin = process.getOutputStream();
            registerShutdownHook();
            URI announced = awaitUrlFile(urlFile, deadline);
            NodeProbe.awaitReady(announced, deadline, this::failIfExited);
            uri = announced;
            log.info("Embedded Elasticsearch ready at {} (pid {})", uri, process.pid());
            return uri;
        } catch (IOException e) {
            close();
            throw new HubException(HubException.Kind.CONFIGURATION,
                "Cannot start embedded Elasticsearch: " + e.getMessage() + NodeLog.tail(config.logFile), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The base URI of the running node. */
    public synchronized URI uri() {
        if (uri == null) {
            throw new IllegalStateException("Embedded Elasticsearch is not running");
        }
        return uri;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The node's process while it runs, e.g. to watch it end. */
    public synchronized Optional<ProcessHandle> process() {
        return process == null ? Optional.empty() : Optional.of(process.toHandle());
    }

    public Path dataDir() {
        return config.dataDir;
    }

    public Path logFile() {
        return config.logFile;
    }

    /** Stops the node: SIGTERM, which closes it cleanly, then a kill if it is still there after 30 s. */
    @Override
    public synchronized void close() {
        Process running = process;
        if (running == null) {
            return;
        }
        process = null;
        uri = null;
        log.info("Stopping embedded Elasticsearch (pid {})", running.pid());
        running.destroy();
        if (!waitFor(running, STOP_TIMEOUT)) {
            log.warn("Embedded Elasticsearch (pid {}) did not stop within {}s; killing it", running.pid(), STOP_TIMEOUT.toSeconds());
            running.destroyForcibly();
            waitFor(running, STOP_TIMEOUT);
        }
        try {
            stdin.close();
        } catch (IOException e) {
            log.debug("Closing the node's stdin failed; it has exited anyway", e);
        }
        removeShutdownHook();
        log.info("Embedded Elasticsearch stopped with exit code {}", running.isAlive() ? "none (still alive)" : running.exitValue());
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable.toString());
        command.addAll(config.heap);
        // A node that ran out of memory is better dead, and restarted, than limping.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dfile.encoding=UTF-8");
        // Lucene and Elasticsearch call native code (mmap hints, zstd); Java 22+ warns without this. Java 17 accepts it.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(config.libDir.toAbsolutePath() + "/*");
        command.add(MAIN_CLASS);
        command.addAll(List.of("--data", config.dataDir.toAbsolutePath().toString()));
        command.addAll(List.of("--http-port", Integer.toString(config.httpPort)));
        command.addAll(List.of("--cluster-name", config.clusterName, "--node-name", config.nodeName));
        config.settings.forEach((key, value) -> command.addAll(List.of("-E", key + "=" + value)));
        return command;
    }

    private URI awaitUrlFile(Path urlFile, Instant deadline) throws IOException {
        while (Instant.now().isBefore(deadline)) {
            failIfExited();
            if (Files.exists(urlFile)) {
                String url = Files.readString(urlFile, StandardCharsets.UTF_8).trim();
                if (!url.isEmpty()) {
                    return URI.create(url);
                }
            }
            NodeProbe.pause(POLL);
        }
        throw new HubException(HubException.Kind.CONFIGURATION,
            "Embedded Elasticsearch did not start within " + config.startTimeout.toSeconds() + "s" + NodeLog.tail(config.logFile));
    }

    /**
     * A URL file left by a node that was killed points at a dead port and must go before the new node starts.
     * One whose node still answers is not stale: that node holds the data dir, so we say so instead of starting.
     */
    private void deleteStaleUrlFile(Path urlFile) throws IOException {
        if (!Files.exists(urlFile)) {
            return;
        }
        String previous = Files.readString(urlFile, StandardCharsets.UTF_8).trim();
        if (NodeProbe.answers(previous)) {
            throw HubException.configuration("The embedded Elasticsearch data dir " + config.dataDir
                + " is in use by the running node at " + previous + ": stop that node or use another data dir");
        }
        Files.deleteIfExists(urlFile);
    }

    private void failIfExited() {
        Process running = process;
        if (running != null && !running.isAlive()) {
            String reason = running.exitValue() == 2 ? " (its data dir " + config.dataDir + " is in use by another node)" : "";
            throw new HubException(HubException.Kind.CONFIGURATION,
                "Embedded Elasticsearch exited during start-up with code " + running.exitValue() + reason + NodeLog.tail(config.logFile));
        }
    }



    private void registerShutdownHook() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::close, "embedded-elasticsearch-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    private void removeShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already; the hook runs or ran
            }
        }
        shutdownHook = null;
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}

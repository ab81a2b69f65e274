package io.kehu.esnode;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.store.LockObtainFailedException;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.ClasspathNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one real Elasticsearch node (single-node discovery, HTTP on 127.0.0.1) until it is told to stop.
 *
 * <p>Command line (see {@link EsNodeOptions#USAGE}):
 * <pre>
 * java -cp 'search/es-node/target/lib/*' io.kehu.esnode.EsNodeMain --data &lt;dir&gt; [--home &lt;dir&gt;]
 *      [--http-port 0] [--cluster-name kehu-hub] [--node-name kehu-es] [--no-stdin-watch] [-E key=value]...
 * </pre>
 *
 * <p>Protocol with the parent process:
 * <ul>
 *   <li>When the node serves HTTP, {@code <data>/http.url} holds its URL (written to a temporary file, then
 *       moved) and standard output gets exactly one line {@code KEHU_ES_READY http://127.0.0.1:<port>}.
 *       Logs go to standard error, so standard output carries nothing else.</li>
 *   <li>SIGTERM, or end of file on standard input, closes the node cleanly and exits. The stdin rule makes the
 *       node die with a parent that was killed outright: the kernel closes the pipe. Start it with
 *       {@code --no-stdin-watch} when stdin is {@code /dev/null} or a terminal you mean to detach from.</li>
 *   <li>Exit codes: 0 stopped, 1 failed to start, 2 data path locked by another running node, 64 bad arguments.</li>
 * </ul>
 */
public final class EsNodeMain {

    /** The prefix of the one line this process writes to standard output. */
    public static final String READY_PREFIX = "KEHU_ES_READY ";
    /** The file under the data path that holds the HTTP URL of the running node. */
    public static final String HTTP_URL_FILE = "http.url";

    static final int EXIT_START_FAILED = 1;
    static final int EXIT_DATA_PATH_LOCKED = 2;
    static final int EXIT_USAGE = 64;

    /** rest-root, analysis-common and the other modules are not published; these stand in for what we need. */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, CjkAnalysisPlugin.class, RootInfoPlugin.class);

    private final EsNodeOptions options;
    private final Logger logger = LogManager.getLogger(EsNodeMain.class);
    private final AtomicReference<Node> node = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EsNodeMain(EsNodeOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        EsNodeOptions options;
        try {
            options = EsNodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(EsNodeOptions.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        EsNodeJvm.prepare();
        Optional<String> nativeWarning = EsNodeJvm.provideNativeZstd(options.home());
        LogConfigurator.configureESLogging();
        EsNodeMain main = new EsNodeMain(options);
        nativeWarning.ifPresent(main.logger::warn);
        int exitCode = main.run();
        // 0 means the shutdown hook stopped the node: the JVM is exiting already, and System.exit would block.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    private int run() {
        // Registered before anything starts: a SIGTERM or a closed stdin during start-up still closes the node.
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "es-node-shutdown"));
        if (options.watchStdin()) {
            watchStdin();
        }
        try {
            Files.createDirectories(options.data());
            Files.createDirectories(options.home());
            Environment environment = InternalSettingsPreparer.prepareEnvironment(nodeSettings(), Map.of(), null, options::nodeName);
            node.set(new ClasspathNode(environment, PLUGINS));
            node.get().start();
            String url = "http://127.0.0.1:" + httpPort(node.get());
            writeAtomically(options.data().resolve(HTTP_URL_FILE), url);
            System.out.println(READY_PREFIX + url);
            System.out.flush();
            logger.info("Elasticsearch node [{}] ready at {} with data in {}", options.nodeName(), url, options.data());
        } catch (Throwable e) {
            if (isLockFailure(e)) {
                logger.error(
                    "Data path {} is in use by another running Elasticsearch node (its node.lock is held). "
                        + "Stop that node or give this one another data path.",
                    options.data()
                );
                return EXIT_DATA_PATH_LOCKED;
            }
            logger.error("Elasticsearch node failed to start", e);
            stop();
            // Last, so that the tail of the log a parent shows names the cause, not the stack or the shutdown.
            logger.error("Elasticsearch node failed to start: {}", summary(e));
            return EXIT_START_FAILED;
        }
        // Elasticsearch's own threads are daemons; this thread keeps the JVM alive until the shutdown hook ran.
        awaitStopped();
        return 0;
    }

    private Settings nodeSettings() {
        return Settings.builder()
            .put("cluster.name", options.clusterName())
            .put("node.name", options.nodeName())
            .put("path.home", options.home().toString())
            .put("path.data", options.data().toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", options.httpPort())
            .put("transport.port", 0)
            // One node has nowhere to move shards to: the disk watermarks would only turn a nearly full laptop
            // disk into read-only indices. Pass -E cluster.routing.allocation.disk.threshold_enabled=true to keep them.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .loadFromMap(options.settings())
            .build();
    }

    private static int httpPort(Node node) {
        return node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The outermost and innermost messages, e.g. the bind failure under a start-up exception. */
    private static String summary(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " caused by " + root;
    }

    private static boolean isLockFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LockObtainFailedException
                || (t.getMessage() != null && t.getMessage().startsWith("failed to obtain node locks"))) {
                return true;
            }
        }
        return false;
    }

    /** Reads stdin to its end on a daemon thread, then exits, which runs the shutdown hook. */
    private void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try (InputStream in = System.in) {
                while (in.read(buffer) >= 0) {
                    // the parent has nothing to say; we only wait for the pipe to close
                }
                logger.info("standard input closed (the parent stopped us or is gone): stopping");
            } catch (IOException e) {
                logger.info("standard input failed ({}): stopping", e.toString());
            }
            System.exit(0);
        }, "es-node-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop() {
        Node running = node.getAndSet(null);
        try {
            if (running != null) {
                logger.info("stopping Elasticsearch node [{}]", options.nodeName());
                running.prepareForClose();
                running.close();
                if (running.awaitClose(30, TimeUnit.SECONDS) == false) {
                    logger.warn("Elasticsearch node did not close within 30s; exiting anyway");
                }
                // Only a running node's URL is worth reading; a stale file would send clients to a dead port.
                Files.deleteIfExists(options.data().resolve(HTTP_URL_FILE));
                logger.info("Elasticsearch node [{}] stopped", options.nodeName());
            }
        } catch (Exception e) {
            logger.warn("Elasticsearch node did not close cleanly", e);
        } finally {
            stopped.countDown();
        }
    }
}

package io.kehu.server.plugins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins folder and has new plugin files loaded, so that dropping a jar in is all it takes.
 * It polls rather than using a file-system watch service, which misses events on network and container
 * volumes. A file counts once its size and modification time held still for one whole interval: a jar
 * still being copied is not loaded half-written.
 */
public final class PluginFolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginFolderWatcher.class);

    /** Size and modification time. */
    record Stamp(long size, long modified) {
    }

    private final Path dir;
    private final Runnable rescan;
    private final ScheduledExecutorService executor;
    /** What the previous poll saw. */
    private Map<Path, Stamp> seen;
    /** What was handed to a rescan already, per file. */
    private final Map<Path, Stamp> handled = new HashMap<>();

    /** @param rescan loads the new files; called on the watcher's thread */
    public PluginFolderWatcher(Path dir, Runnable rescan) {
        this.dir = dir.toAbsolutePath().normalize();
        this.rescan = rescan;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugin-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling; the files present now were loaded at start and are not handed over again. */
    public void start(Duration interval) {
        seen = list();
        handled.putAll(seen);
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("Plugin folder watcher is off (hub.plugins.watch-interval={}); use POST /api/v1/plugins/rescan",
                    interval);
            return;
        }
        executor.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Watching {} for new plugin files every {}", dir, interval);
    }

    /** One poll: a rescan when a new or replaced file held still since the last poll. */
    synchronized boolean poll() {
        Map<Path, Stamp> now = list();
        boolean settledNew = false;
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            Stamp stamp = e.getValue();
            if (stamp.equals(seen.get(e.getKey())) && !stamp.equals(handled.get(e.getKey()))) {
                handled.put(e.getKey(), stamp);
                settledNew = true;
            }
        }
        handled.keySet().retainAll(now.keySet());
        seen = now;
        if (settledNew) {
            rescan.run();
        }
        return settledNew;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The next poll tries again; the thread must not die with one failed rescan.
            log.warn("Plugin folder rescan failed: {}", e.getMessage());
        }
    }

    private Map<Path, Stamp> list() {
        Map<Path, Stamp> files = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(f -> f.toString().endsWith(".jar") || f.toString().endsWith(".zip")).forEach(f -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    files.put(f.toAbsolutePath().normalize(), new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                } catch (IOException e) {
                    // Removed between listing and reading: it is simply not there.
                }
            });
        } catch (IOException e) {
            log.warn("Cannot list the plugins folder {}: {}", dir, e.getMessage());
        }
        return files;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

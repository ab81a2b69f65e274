package io.kehu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub as a child process: {@code java -Xmx<heap> -Xlog:gc:file=<gc.log> -jar hub-server.jar}, configured only
 * through its environment variables, its output in a log file. Stopped by {@link #close()} (SIGTERM, then a kill
 * after 30 s) or, should the benchmark end first, by a shutdown hook.
 */
public final class HubProcess implements AutoCloseable {

    /**
     * @param repoRoot      working directory of the hub, where it finds {@code config/application.yml}
     * @param connectorsDir folder of connector instance definitions ({@code HUB_CONNECTORS_DIR})
     * @param apiKeyEntry   {@code name:role:sha256hex} ({@code HUB_API_KEYS})
     * @param extraEnv      more environment variables, e.g. {@code HUB_ROUTINGFILE} for {@code hub.routing-file}
     */
    public record Settings(Path repoRoot, Path hubJar, String heap, Path runDir, URI searchUri, Path pluginsDir,
                           Path connectorsDir, String indexPrefix, String apiKeyEntry, int port,
                           Map<String, String> extraEnv) {
    }

    private static final Logger log = LoggerFactory.getLogger(HubProcess.class);
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final Path logFile;
    private final Path gcLog;
    private final Thread shutdownHook;

    private HubProcess(Process process, Path logFile, Path gcLog) {
        this.process = process;
        this.logFile = logFile;
        this.gcLog = gcLog;
        this.shutdownHook = new Thread(this::stop, "hub-process-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static HubProcess start(Settings s) {
        try {
            Path dataDir = Files.createDirectories(s.runDir().resolve("data"));
            Path logFile = s.runDir().resolve("hub.log");
            Path gcLog = s.runDir().resolve("gc.log");
            List<String> command = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + s.heap(),
                    "-Xlog:gc:file=" + gcLog,
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Dfile.encoding=UTF-8"));
            if (System.getenv("KEHU_BENCH_JFR") != null) {
                // A Flight Recording of the hub, for finding where its own CPU goes: jfr print --events ExecutionSample.
                command.add("-XX:StartFlightRecording=filename=" + s.runDir().resolve("hub.jfr") + ",settings=profile");
            }
            command.addAll(List.of("-jar", s.hubJar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(s.repoRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            env.put("HUB_SEARCH_URIS", s.searchUri().toString());
            env.put("HUB_DATA_DIR", dataDir.toString());
            env.put("HUB_PLUGINS_DIR", s.pluginsDir().toString());
            env.put("HUB_CONNECTORS_DIR", s.connectorsDir().toString());
            env.put("HUB_INDEX_PREFIX", s.indexPrefix());
            env.put("HUB_API_KEYS", s.apiKeyEntry());
            env.put("HUB_PORT", Integer.toString(s.port()));
            env.putAll(s.extraEnv());
            Process process = builder.start();
            log.info("Started the hub (pid {}, -Xmx{}, port {}), log {}", process.pid(), s.heap(), s.port(), logFile);
            return new HubProcess(process, logFile, gcLog);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the hub from " + s.hubJar(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The hub's process, whose CPU time the benchmark reads. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public Path gcLog() {
        return gcLog;
    }

    /** The last lines of the hub's log, for error messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no hub log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs or ran
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        log.info("Stopping the hub (pid {})", process.pid());
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                log.warn("The hub did not stop within {} s; killing it", STOP_SECONDS);
                process.destroyForcibly();
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

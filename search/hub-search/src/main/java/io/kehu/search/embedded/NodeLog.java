package io.kehu.search.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/** The embedded node's log file: one file per run plus the previous run's, and its tail for error messages. */
final class NodeLog {

    private static final int TAIL_LINES = 30;

    private NodeLog() {}

    /** Keeps the previous run's log as {@code <name>.1}, so the log stays bounded and starts with this run. */
    static void rotate(Path logFile) throws IOException {
        if (Files.exists(logFile)) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The last lines of the log, worded to be appended to an error message. */
    static String tail(Path logFile) {
        try {
            // Decoded leniently: a node killed mid-line may leave a broken UTF-8 sequence at the end.
            List<String> lines = Arrays.asList(new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).split("\\R"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "; last lines of " + logFile + ":\n" + String.join("\n", tail);
        } catch (IOException e) {
            return "; no log at " + logFile;
        }
    }
}

package io.kehu.search.embedded;

import io.kehu.search.testing.TestElasticsearch;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The protocol of {@code io.kehu.esnode.EsNodeMain} itself, run the way EmbeddedElasticsearch runs it, without it. */
class EsNodeProcessIT {

    @Test
    void announcesReadinessOnceAndStopsCleanlyWhenStdinCloses() throws Exception {
        Path root = TestElasticsearch.newTestDir();
        Process node = startNode(root.resolve("data"), root.resolve("node.err"));
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> readAll(stdout));
            await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(root.resolve("data/http.url")) || !node.isAlive());
            String url = Files.readString(root.resolve("data/http.url"));

            // What a parent killed with SIGKILL leaves behind: a closed pipe.
            node.getOutputStream().close();

            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).isZero();
            assertThat(lines.get(10, TimeUnit.SECONDS)).containsExactly("KEHU_ES_READY " + url);
            assertThat(root.resolve("data/http.url")).doesNotExist();
            assertThat(root.resolve("node.err")).content()
                .contains("standard input closed", "Elasticsearch node [kehu-es] stopped");
        } finally {
            node.destroyForcibly();
        }
    }

    @Test
    void exitsWithCode2AndSaysWhyWhenAnotherNodeHoldsTheDataPath() throws Exception {
        Path root = TestElasticsearch.newTestDir();
        try (EmbeddedElasticsearch first = EmbeddedElasticsearch.builder(TestElasticsearch.libDir(), root.resolve("data")).build()) {
            first.start();

            Process second = startNode(root.resolve("data"), root.resolve("second.err"));

            assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(2);
            assertThat(root.resolve("second.err")).content()
                .contains("Data path " + root.resolve("data") + " is in use by another running Elasticsearch node");
            assertThat(first.isRunning()).isTrue();
        }
    }

    private static Process startNode(Path dataDir, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-cp", TestElasticsearch.libDir() + "/*", "io.kehu.esnode.EsNodeMain",
            "--data", dataDir.toString())
            .redirectError(stderr.toFile())
            .start();
    }

    private static List<String> readAll(BufferedReader reader) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
        return lines;
    }
}

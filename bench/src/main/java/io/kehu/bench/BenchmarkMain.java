package io.kehu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The import benchmark: generate the lead files, index the CSV straight into Elasticsearch (two baselines: one
 * document per row, and the documents the hub writes per row without resolving identities), import each
 * file end to end through a hub child process, and print one table per format. Exits 1 when an import failed or
 * the profile count is wrong, 2 on a bad command line; never because of speed.
 */
public final class BenchmarkMain {

    private static final Logger log = LoggerFactory.getLogger(BenchmarkMain.class);

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        Path repoRoot = Path.of(System.getProperty("kehu.repo", "")).toAbsolutePath().normalize();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args, repoRoot);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("bench: " + e.getMessage());
            }
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = run(options) ? 0 : 1;
        } catch (RuntimeException | IOException e) {
            log.error("The benchmark failed", e);
            exit = 1;
        }
        System.exit(exit);
    }

    static boolean run(BenchmarkOptions o) throws IOException {
        Files.createDirectories(o.workDir());
        log.info("Work folder {}", o.workDir());
        LeadGenerator generator = new LeadGenerator(o.seed(), o.rows());
        Path csv = o.needsCsv() ? o.workDir().resolve("leads-" + o.rows() + ".csv") : null;
        Path xlsx = o.formats().contains("xlsx") ? o.workDir().resolve("leads-" + o.rows() + ".xlsx") : null;
        long start = System.nanoTime();
        LeadFileWriter.write(generator, csv, xlsx);
        log.info("Generated {} rows about {} distinct people (seed {}) in {} s: {}", count(o.rows()), count(generator.people()),
                o.seed(), String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9),
                Stream.of(csv, xlsx).filter(f -> f != null).map(f -> f.getFileName() + " " + size(f)).toList());
        System.out.println("Distinct people: " + count(generator.people()));

        BenchmarkReport report;
        try {
            BaselineIndexer.Result baseline = null;
            BaselineIndexer.Result sameDocuments = null;
            if (!o.skipBaseline()) {
                try (BenchNode node = BenchNode.start(o.workDir(), "baseline", o.esHeap())) {
                    baseline = checked(new BaselineIndexer(node.client(), node.process()).run(csv), o.rows(), "baseline index");
                }
                try (BenchNode node = BenchNode.start(o.workDir(), "docs", o.esHeap())) {
                    sameDocuments = checked(new SameDocumentsBaseline(node.client(), node.process()).run(csv), o.rows(),
                            "same-documents baseline's profile index");
                }
            }
            report = new BenchmarkReport(o.rows(), generator.people(), baseline, sameDocuments);
            for (String format : o.formats()) {
                Path file = format.equals("csv") ? csv : xlsx;
                try (BenchNode node = BenchNode.start(o.workDir(), format, o.esHeap())) {
                    log.info("Importing {} through the hub (-Xmx{})", file.getFileName(), o.hubHeap());
                    HubImportRun hub = new HubImportRun(o.repoRoot(), node.uri(), node.client(), node.process(), o.hubHeap(), o.importTimeout());
                    report.add(hub.run(format, file, o.rows(), o.workDir().resolve("hub-" + format)));
                }
            }
        } finally {
            if (!o.keep()) {
                deleteAllButLogs(o.workDir());
            }
        }
        report.print(System.out);
        log.info("Logs (hub, GC, Elasticsearch) are in {}", o.workDir());
        return report.passed();
    }

    private static BaselineIndexer.Result checked(BaselineIndexer.Result r, long rows, String what) {
        if (r.indexed() != rows) {
            throw new IllegalStateException("The " + what + " holds " + r.indexed() + " documents, not " + rows);
        }
        return r;
    }

    /** Removes generated files and Elasticsearch data, which are large; keeps every {@code *.log}. */
    private static void deleteAllButLogs(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .filter(f -> !f.equals(dir) && !f.getFileName().toString().endsWith(".log"))
                    .forEach(f -> {
                        try {
                            if (!Files.isDirectory(f) || isEmpty(f)) {
                                Files.delete(f);
                            }
                        } catch (IOException e) {
                            log.debug("Cannot delete {}", f, e);
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not clean up {}: {}", dir, e.toString());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static String size(Path f) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(f) / 1e6);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

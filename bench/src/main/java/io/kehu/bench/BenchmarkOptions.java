package io.kehu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The command line of the benchmark.
 *
 * @param formats     {@code csv}, {@code xlsx} or both, in that order
 * @param workDir     where generated files, logs and the temporary data of the node and the hubs go
 * @param keep        keep generated files and Elasticsearch data after the run (logs are always kept)
 */
public record BenchmarkOptions(long rows, List<String> formats, String hubHeap, String esHeap, boolean skipBaseline,
                               long seed, Path repoRoot, Path workDir, boolean keep, Duration importTimeout) {

    static final String USAGE = String.join("\n",
            "usage: bench/run.sh [--rows N] [--format csv|xlsx|both] [--hub-heap 512m] [--skip-baseline]",
            "                    [--es-heap 1g] [--seed S] [--work-dir DIR] [--keep] [--timeout-minutes M]",
            "  --rows N            data rows to generate (default 100000, up to " + LeadGenerator.MAX_ROWS + ")",
            "  --format F          which file the hub imports: csv, xlsx or both (default both)",
            "  --hub-heap H        -Xmx of the hub process (default 512m)",
            "  --skip-baseline     do not index the rows straight into Elasticsearch first",
            "  --es-heap H         heap of the benchmark's embedded Elasticsearch node (default 1g)",
            "  --seed S            generator seed (default 42): same seed and rows, same files",
            "  --work-dir DIR      default bench-out/<timestamp> in the repository",
            "  --keep              keep the generated files and the node's data",
            "  --timeout-minutes M give up on an import after M minutes (default 10 + 1 per 5,000 rows)");

    public static BenchmarkOptions parse(String[] args, Path repoRoot) {
        long rows = 100_000;
        String format = "both";
        String hubHeap = "512m";
        String esHeap = "1g";
        boolean skipBaseline = false;
        long seed = 42;
        Path workDir = null;
        boolean keep = false;
        Long timeoutMinutes = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = parseCount(value(args, ++i, a));
                case "--format" -> format = value(args, ++i, a);
                case "--hub-heap" -> hubHeap = heap(value(args, ++i, a), a);
                case "--es-heap" -> esHeap = heap(value(args, ++i, a), a);
                case "--skip-baseline" -> skipBaseline = true;
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--keep" -> keep = true;
                case "--timeout-minutes" -> timeoutMinutes = Long.parseLong(value(args, ++i, a));
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        List<String> formats = switch (format) {
            case "csv" -> List.of("csv");
            case "xlsx" -> List.of("xlsx");
            case "both" -> List.of("csv", "xlsx");
            default -> throw new IllegalArgumentException("--format must be csv, xlsx or both, not " + format);
        };
        if (rows < 1 || rows > LeadGenerator.MAX_ROWS) {
            throw new IllegalArgumentException("--rows must be 1 to " + LeadGenerator.MAX_ROWS);
        }
        if (formats.contains("xlsx") && rows > 1_048_575) {
            throw new IllegalArgumentException("an XLSX sheet holds at most 1,048,575 data rows");
        }
        if (workDir == null) {
            workDir = repoRoot.resolve("bench-out").resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss")));
        }
        Duration timeout = Duration.ofMinutes(timeoutMinutes != null ? timeoutMinutes : 10 + rows / 5_000);
        return new BenchmarkOptions(rows, formats, hubHeap, esHeap, skipBaseline, seed, repoRoot,
                workDir.toAbsolutePath().normalize(), keep, timeout);
    }

    /** The baseline reads the CSV, so it is generated whenever the baseline runs or the hub imports it. */
    boolean needsCsv() {
        return !skipBaseline || formats.contains("csv");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long parseCount(String s) {
        return Long.parseLong(s.replace("_", "").replace(",", ""));
    }

    private static String heap(String s, String option) {
        if (!s.matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException(option + " takes a JVM size such as 512m or 1g, not " + s);
        }
        return s;
    }
}

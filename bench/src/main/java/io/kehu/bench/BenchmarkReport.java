package io.kehu.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables the benchmark prints: one per format. A run passes when its import completed, rejected no row and
 * left exactly one profile per distinct person; speed never fails a run.
 */
public final class BenchmarkReport {

    private final long rows;
    private final long people;
    private final BaselineIndexer.Result baseline;
    private final BaselineIndexer.Result sameDocuments;
    private final List<HubImportRun.Result> runs = new ArrayList<>();

    /** @param sameDocuments the baseline that writes the hub's documents without resolution; null when skipped */
    public BenchmarkReport(long rows, long people, BaselineIndexer.Result baseline, BaselineIndexer.Result sameDocuments) {
        this.rows = rows;
        this.people = people;
        this.baseline = baseline;
        this.sameDocuments = sameDocuments;
    }

    public void add(HubImportRun.Result result) {
        runs.add(result);
    }

    static boolean passed(HubImportRun.Result r, long people) {
        return r.error() == null && "COMPLETED".equals(r.status()) && r.profileCount() == people && r.rejectedCount() == 0;
    }

    public boolean passed() {
        return !runs.isEmpty() && runs.stream().allMatch(r -> passed(r, people));
    }

    public void print(PrintStream out) {
        for (HubImportRun.Result r : runs) {
            out.println();
            out.println("=== Kehu Hub import benchmark: " + r.format().toUpperCase(Locale.ROOT) + " ===");
            line(out, "rows", count(rows));
            line(out, "distinct people", count(people));
            line(out, "baseline rows/s", baseline == null ? "skipped"
                    : count(Math.round(baseline.rowsPerSecond())) + "  (CSV straight into ES, " + seconds(baseline.seconds()) + ")");
            if (r.seconds() > 0) {
                line(out, "hub rows/s", count(Math.round(r.rowsPerSecond())) + "  (" + seconds(r.seconds())
                        + " from move to " + r.status() + ", picked up after " + seconds(r.pickupSeconds()) + ")");
            } else {
                line(out, "hub rows/s", "n/a");
            }
            line(out, "machine load", load(r.loadBefore()) + " at the move, " + load(r.loadAfter()) + " at the end (1-min average, "
                    + Runtime.getRuntime().availableProcessors() + " cores)");
            line(out, "hub/baseline", baseline == null || r.seconds() <= 0 ? "n/a"
                    : String.format(Locale.ROOT, "%.1f %%  (wall clock)", 100 * r.rowsPerSecond() / baseline.rowsPerSecond()));
            line(out, "CPU per 1,000 rows", r.cpu().describe(rows, "hub"));
            if (baseline != null) {
                line(out, "", baseline.cpu().describe(rows, "loader") + "  (baseline)");
            }
            line(out, "hub CPU by thread", ThreadCpu.describe(r.cpu().clientThreads()));
            line(out, "ES CPU by thread", ThreadCpu.describe(r.cpu().esThreads()));
            if (baseline != null) {
                line(out, "", "baseline: loader " + ThreadCpu.describe(baseline.cpu().clientThreads()));
                line(out, "", "baseline: ES " + ThreadCpu.describe(baseline.cpu().esThreads()));
            }
            line(out, "CPU-based ratio", baseline == null ? "n/a" : ratio(baseline.cpu().totalSeconds(), r.cpu().totalSeconds())
                    + "  (baseline CPU per row / hub CPU per row: the throughput ratio on an otherwise idle, CPU-bound box)");
            line(out, "  without JIT", baseline == null ? "n/a"
                    : ratio(baseline.cpu().withoutJitSeconds(), r.cpu().withoutJitSeconds())
                    + "  (the same without the JIT compiler threads of either side: the ratio once both JVMs are warm)");
            line(out, "hub heap peak", String.format(Locale.ROOT, "%.0f MB  (-Xmx%s, committed max %.0f MB, %d GC pauses)",
                    r.gc().peakUsedMb(), r.heap(), r.gc().maxCommittedMb(), r.gc().collections()));
            boolean countOk = r.profileCount() == people;
            line(out, "final profile count", r.profileCount() < 0 ? "unknown ✗" : count(r.profileCount()) + "  "
                    + (countOk ? "= distinct people ✓" : "≠ distinct people " + count(people) + " ✗")
                    + "  (API total " + count(r.apiProfileTotal()) + ")");
            line(out, "import report", "status " + r.status() + ", rowsRead " + count(r.rowsRead()) + ", imported "
                    + count(r.imported()) + ", created " + count(r.created()) + ", merged " + count(r.merged()));
            line(out, "rejected rows", count(r.rejectedCount()) + (r.rejectedCount() == 0 ? "  ✓" : "  ✗ e.g. " + r.firstRejections()));
            if (sameDocuments != null) {
                sameDocumentsLines(out, r);
            }
            if (!r.esStats().isEmpty()) {
                line(out, "ES work (primaries)", "per index: docs written and indexing time, real-time gets, refreshes, merges");
                String prefix = "bench-" + r.format() + "-";
                r.esStats().forEach(s -> line(out, "", s.describe(prefix)));
                if (baseline != null) {
                    baseline.esStats().forEach(s -> line(out, "", s.describe("") + "  (baseline)"));
                }
            }
            if (r.error() != null) {
                line(out, "error", r.error());
            }
            line(out, "result", passed(r, people) ? "PASS" : "FAIL");
        }
        out.println();
    }

    /** The hub against the baseline that writes its documents (profile, interaction, claims) without resolving. */
    private void sameDocumentsLines(PrintStream out, HubImportRun.Result r) {
        line(out, "same-docs baseline", count(Math.round(sameDocuments.rowsPerSecond())) + " rows/s  (the hub's documents per row, "
                + "no resolution, " + seconds(sameDocuments.seconds()) + ")");
        line(out, "", sameDocuments.cpu().describe(rows, "loader") + "  (same-docs baseline)");
        line(out, "", "same-docs: ES " + ThreadCpu.describe(sameDocuments.cpu().esThreads()));
        line(out, "hub/same-docs", (r.seconds() <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f %% (wall clock), ",
                100 * r.rowsPerSecond() / sameDocuments.rowsPerSecond()))
                + ratio(sameDocuments.cpu().totalSeconds(), r.cpu().totalSeconds()) + " by CPU, "
                + ratio(sameDocuments.cpu().withoutJitSeconds(), r.cpu().withoutJitSeconds()) + " by CPU without JIT");
        sameDocuments.esStats().forEach(s -> line(out, "", s.describe(SameDocumentsBaseline.PREFIX) + "  (same-docs)"));
    }

    /** Both phases process the same rows, so the ratio of their CPU seconds is the ratio of their CPU per row. */
    static String ratio(double baselineSeconds, double hubSeconds) {
        double ratio = baselineSeconds / hubSeconds;
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
    }

    private static void line(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-20s %s%n", label, value);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String load(double load) {
        return load < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}

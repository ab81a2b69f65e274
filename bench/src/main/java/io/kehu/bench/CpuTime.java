package io.kehu.bench;

import java.util.Locale;
import java.util.Map;

/**
 * CPU seconds (user + system, from the OS) that the processes of one phase spent: the Elasticsearch node, and the
 * client that fed it (the hub for an import, the benchmark's own loader for the baseline). On a machine shared with
 * other work, wall-clock rows/s move with the load; CPU per row does not, so it is what compares two runs.
 *
 * @param esSeconds     the node's CPU during the phase
 * @param clientSeconds the hub's (or the baseline loader's) CPU during the phase
 * @param esThreads     the node's CPU by thread name (JIT compilers, GC, Elasticsearch's own threads)
 * @param clientThreads the client's CPU by thread name
 */
public record CpuTime(double esSeconds, double clientSeconds, Map<String, Double> esThreads,
                      Map<String, Double> clientThreads) {

    static final CpuTime UNKNOWN = new CpuTime(Double.NaN, Double.NaN, Map.of(), Map.of());

    /** Starts measuring both processes; {@link Meter#stop()} gives what they spent since. */
    public static Meter start(ProcessHandle es, ProcessHandle client) {
        return new Meter(es, client);
    }

    public double totalSeconds() {
        return esSeconds + clientSeconds;
    }

    /**
     * CPU of both processes without their JIT compiler threads: what the phase costs once both JVMs are warm. A fresh
     * JVM compiles the code a phase runs while running it, which at 100,000 rows is about half of either phase's CPU.
     */
    public double withoutJitSeconds() {
        return totalSeconds() - jitSeconds(esThreads) - jitSeconds(clientThreads);
    }

    private static double jitSeconds(Map<String, Double> threads) {
        return threads.entrySet().stream().filter(e -> ThreadCpu.isJit(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    /** CPU seconds per 1,000 rows of the node plus the client. */
    public double perThousandRows(long rows) {
        return 1000 * totalSeconds() / rows;
    }

    /** e.g. {@code 0.412 s (hub 0.250 + ES 0.162; 41.2 s in all)} per 1,000 rows. */
    public String describe(long rows, String clientName) {
        if (Double.isNaN(totalSeconds()) || rows <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.3f s  (%s %.3f + ES %.3f; %.1f s in all)", perThousandRows(rows), clientName,
                1000 * clientSeconds / rows, 1000 * esSeconds / rows, totalSeconds());
    }

    /** Both processes' CPU and thread times when measuring started. */
    public static final class Meter {
        private final ProcessHandle es;
        private final ProcessHandle client;
        private final double esStart;
        private final double clientStart;
        private final ThreadCpu esThreadsStart;
        private final ThreadCpu clientThreadsStart;

        private Meter(ProcessHandle es, ProcessHandle client) {
            this.es = es;
            this.client = client;
            this.esStart = seconds(es);
            this.clientStart = seconds(client);
            this.esThreadsStart = ThreadCpu.read(es.pid());
            this.clientThreadsStart = ThreadCpu.read(client.pid());
        }

        public CpuTime stop() {
            return new CpuTime(seconds(es) - esStart, seconds(client) - clientStart,
                    ThreadCpu.read(es.pid()).since(esThreadsStart), ThreadCpu.read(client.pid()).since(clientThreadsStart));
        }

        /** Total CPU of a process so far; NaN where the OS does not tell (the figures then read n/a, nothing fails). */
        private static double seconds(ProcessHandle p) {
            return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        }
    }
}

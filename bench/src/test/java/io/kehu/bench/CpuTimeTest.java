package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void sumsThreadTimeByNameWithPoolNumbersFoldedButCompilersApart() {
        ThreadCpu before = new ThreadCpu(Map.of("1", "GC Thread#0", "2", "GC Thread#1", "3", "C2 CompilerThre"),
                Map.of("1", 100L, "2", 100L, "3", 0L));
        ThreadCpu after = new ThreadCpu(
                Map.of("1", "GC Thread#0", "2", "GC Thread#1", "3", "C2 CompilerThre", "4", "C1 CompilerThre",
                        "5", "http-nio-8080-exec-3", "6", "tiny"),
                Map.of("1", 150L, "2", 250L, "3", 900L, "4", 300L, "5", 400L, "6", 1L));

        Map<String, Double> spent = after.since(before);

        assertThat(spent).containsExactly(Map.entry("C2 CompilerThre", 9.0), Map.entry("http-nio-#-exec-#", 4.0),
                Map.entry("C1 CompilerThre", 3.0), Map.entry("GC Thread#", 2.0), Map.entry("other", 0.01));
    }

    @Test
    void leavesTheJitCompilersOutOfTheWarmFigure() {
        CpuTime cpu = new CpuTime(30, 20, Map.of("C2 CompilerThre", 12.0, "C1 CompilerThre", 2.0, "elasticsearch[k", 16.0),
                Map.of("C2 CompilerThre", 8.0, "Camel (camel-#)", 12.0));

        assertThat(cpu.totalSeconds()).isEqualTo(50);
        assertThat(cpu.withoutJitSeconds()).isCloseTo(28, within(1e-9));
        assertThat(cpu.perThousandRows(100_000)).isCloseTo(0.5, within(1e-9));
        assertThat(cpu.describe(100_000, "hub")).isEqualTo("0.500 s  (hub 0.200 + ES 0.300; 50.0 s in all)");
    }

    @Test
    void theRatioOfCpuSecondsIsTheThroughputRatioOfACpuBoundBox() {
        assertThat(BenchmarkReport.ratio(15, 30)).isEqualTo("50.0 %");
        assertThat(BenchmarkReport.ratio(Double.NaN, 30)).isEqualTo("n/a");
        assertThat(CpuTime.UNKNOWN.describe(100_000, "hub")).isEqualTo("n/a");
    }

    @Test
    void readsThreadTimesOfThisProcessFromProc() {
        ThreadCpu now = ThreadCpu.read(ProcessHandle.current().pid());
        long spin = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            spin += i ^ (spin >>> 3);
        }
        assertThat(spin).isNotZero();

        assertThat(ThreadCpu.read(ProcessHandle.current().pid()).since(now).values().stream().mapToDouble(Double::doubleValue).sum())
                .isPositive();
    }
}

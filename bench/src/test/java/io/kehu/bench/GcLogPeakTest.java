package io.kehu.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcLogPeakTest {

    @Test
    void peakIsTheLargestHeapInUseBeforeAnyCollection() {
        GcLogPeak peak = GcLogPeak.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 25M->4M(256M) 3.456ms",
                "[2.500s][info][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) 310M->120M(512M) 8.001ms",
                "[2.510s][info][gc] GC(2) Concurrent Mark Cycle",
                "[2.600s][info][gc] GC(2) Pause Remark 140M->140M(512M) 1.200ms",
                "[2.700s][info][gc] GC(2) Pause Cleanup 141M->141M(512M) 0.100ms",
                "[2.800s][info][gc] GC(2) Concurrent Mark Cycle 290.123ms",
                "[3.000s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 200M->90M(384M) 5.000ms"));

        assertThat(peak.peakUsedMb()).isEqualTo(310);
        assertThat(peak.maxCommittedMb()).isEqualTo(512);
        assertThat(peak.collections()).isEqualTo(5);
    }

    @Test
    void readsKilobytesGigabytesAndFullCollections() {
        GcLogPeak peak = GcLogPeak.parse(List.of(
                "[0.5s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 2048K->512K(8192K) 0.500ms",
                "[9.1s][info][gc] GC(7) Pause Full (G1 Compaction Pause) 1G->700M(2G) 900.000ms"));

        assertThat(peak.peakUsedMb()).isCloseTo(1024, within(0.001));
        assertThat(peak.maxCommittedMb()).isCloseTo(2048, within(0.001));
        assertThat(peak.collections()).isEqualTo(2);
    }

    @Test
    void aLogWithoutPausesHasNoPeak() {
        GcLogPeak peak = GcLogPeak.parse(List.of("[0.010s][info][gc] Using G1"));

        assertThat(peak.collections()).isZero();
        assertThat(peak.peakUsedMb()).isZero();
    }

    @Test
    void readsTheLogFile(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("gc.log");
        Files.writeString(log, "[1.0s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 64M->8M(128M) 1.0ms\n");

        assertThat(GcLogPeak.read(log)).isEqualTo(new GcLogPeak(64, 128, 1));
    }
}

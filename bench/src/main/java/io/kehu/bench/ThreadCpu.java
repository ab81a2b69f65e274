package io.kehu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time per thread of a process, from Linux's {@code /proc/<pid>/task/<tid>/stat}: which of the hub's threads (the
 * import, the HTTP client's I/O, the JIT compilers, the garbage collector) an import's CPU went to. Empty elsewhere.
 */
final class ThreadCpu {

    /** Linux reports utime and stime in clock ticks, 100 per second on every common kernel configuration. */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, String> names;
    private final Map<String, Long> ticks;

    ThreadCpu(Map<String, String> names, Map<String, Long> ticks) {
        this.names = names;
        this.ticks = ticks;
    }

    static ThreadCpu read(long pid) {
        Map<String, String> names = new HashMap<>();
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(t.resolve("stat"), StandardCharsets.US_ASCII);
                    // The name is in parentheses and may hold spaces; the numeric fields follow the last ')'.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(t.getFileName().toString(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                    names.put(t.getFileName().toString(), stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            // not Linux, or the process is gone
        }
        return new ThreadCpu(names, ticks);
    }

    /**
     * CPU seconds spent since {@code before}, summed by thread name with pool numbers folded ({@code GC Thread#0} and
     * {@code GC Thread#1} are one line, {@code C1 CompilerThre} and {@code C2 CompilerThre} are not), biggest first;
     * threads under 1% of the total are folded into "other".
     */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> byName = new HashMap<>();
        double total = 0;
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            long spent = e.getValue() - before.ticks.getOrDefault(e.getKey(), 0L);
            if (spent > 0) {
                String name = names.get(e.getKey()).replaceAll("#\\d+", "#").replaceAll("-\\d+", "-#");
                byName.merge(name, spent / TICKS_PER_SECOND, Double::sum);
                total += spent / TICKS_PER_SECOND;
            }
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        Map<String, Double> out = new LinkedHashMap<>();
        double other = 0;
        for (Map.Entry<String, Double> e : sorted) {
            if (e.getValue() >= 0.01 * total) {
                out.put(e.getKey(), e.getValue());
            } else {
                other += e.getValue();
            }
        }
        if (other > 0) {
            out.put("other", other);
        }
        return out;
    }

    /** Whether a thread of that (folded) name is one of the JIT compilers. */
    static boolean isJit(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
    }

    /** e.g. {@code Camel (camel-#) 12.1 s, C2 CompilerThre 3.2 s, GC Thread# 1.1 s}. */
    static String describe(Map<String, Double> byThread) {
        if (byThread.isEmpty()) {
            return "n/a";
        }
        List<String> parts = new ArrayList<>();
        byThread.forEach((name, s) -> parts.add(String.format(Locale.ROOT, "%s %.1f s", name, s)));
        return String.join(", ", parts);
    }
}

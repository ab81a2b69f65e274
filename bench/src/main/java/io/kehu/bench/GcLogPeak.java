package io.kehu.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The heap peak of a JVM from its {@code -Xlog:gc} file. A pause line such as
 * {@code [1.234s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 3.456ms} tells the
 * heap in use before the collection (120M), after it (30M) and committed (512M). The peak is the largest "before"
 * value: the heap is fullest right before a collection. Sizes are in MiB.
 *
 * @param peakUsedMb      largest heap in use before a collection
 * @param maxCommittedMb  largest committed heap seen
 * @param collections     number of pause lines read
 */
public record GcLogPeak(double peakUsedMb, double maxCommittedMb, int collections) {

    private static final Pattern SIZES = Pattern.compile("(\\d+(?:\\.\\d+)?)([KMG])B?->(\\d+(?:\\.\\d+)?)([KMG])B?\\((\\d+(?:\\.\\d+)?)([KMG])B?\\)");

    public static GcLogPeak read(Path gcLog) {
        try (Stream<String> lines = Files.lines(gcLog, StandardCharsets.UTF_8)) {
            return parse(lines.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the GC log " + gcLog, e);
        }
    }

    public static GcLogPeak parse(List<String> lines) {
        double peak = 0;
        double committed = 0;
        int count = 0;
        for (String line : lines) {
            Matcher m = SIZES.matcher(line);
            if (!m.find()) {
                continue;
            }
            peak = Math.max(peak, mb(m.group(1), m.group(2)));
            committed = Math.max(committed, mb(m.group(5), m.group(6)));
            count++;
        }
        return new GcLogPeak(peak, committed, count);
    }

    private static double mb(String number, String unit) {
        double value = Double.parseDouble(number);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}

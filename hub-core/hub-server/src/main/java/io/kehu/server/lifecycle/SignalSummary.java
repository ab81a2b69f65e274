package io.kehu.server.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the lifecycle rules need to know of a profile's timeline, stored on the profile so that neither
 * the ingest path nor the sweep re-reads timelines. Built and combined by {@link SignalFolder}: folding
 * interactions in one by one, in any order, or merging the summaries of two profiles gives the same
 * summary (up to floating-point rounding) as building it from the whole timeline at once.
 *
 * @param basis        the half-life and signal rules this summary was built under ({@link SignalFolder#basis()});
 *                     null when it is incomplete (a profile that existed before summaries did): the sweep rebuilds it
 * @param ref          the time the decayed sums refer to; re-referencing multiplies by 0.5^(Δ/halfLife)
 * @param engagement   per {@code type@channel} (lower case): how many, their decayed sum at {@code ref}, the newest
 * @param interactions every interaction folded in
 * @param touches      interactions that are not of an ignored kind (an imported row is the lead, not a touch)
 * @param purchases    purchase signals
 * @param recentIds    ids of the interactions the ingest path folded in last, newest last: a replay that
 *                     comes before the interactions themselves were stored is still recognised
 */
public record SignalSummary(
        String basis,
        Instant ref,
        Map<String, EngagementStat> engagement,
        int interactions,
        int touches,
        int purchases,
        Instant lastActivity,
        Instant lastReply,
        Instant lastQuote,
        Instant lastContract,
        Instant lastPurchase,
        Signal lastPositive,
        Signal lastNegative,
        List<String> recentIds) {

    public SignalSummary {
        engagement = engagement == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(engagement));
        recentIds = recentIds == null ? List.of() : List.copyOf(recentIds);
    }

    /** Whether the summary holds the whole timeline under the given rules, so scoring from it is exact. */
    public boolean completeFor(String currentBasis) {
        return basis != null && basis.equals(currentBasis);
    }

    /**
     * Interactions of one {@code type@channel}.
     *
     * @param decayed sum of 0.5^((ref − occurredAt) / halfLife) over them
     */
    public record EngagementStat(long count, double decayed, Instant last) {
    }

    /** One interaction that carried a signal, kept to explain a stage change. */
    public record Signal(Instant at, String type, String channel) {

        String describe() {
            return type + "@" + channel + " at " + at;
        }

        /** The newer of two, ties broken by type and channel so that folding order never matters. */
        static Signal newer(Signal a, Signal b) {
            if (a == null || b == null) {
                return a == null ? b : a;
            }
            int byTime = a.at.compareTo(b.at);
            if (byTime != 0) {
                return byTime > 0 ? a : b;
            }
            return (String.valueOf(a.type) + "@" + a.channel).compareTo(String.valueOf(b.type) + "@" + b.channel) >= 0
                    ? a : b;
        }
    }
}

package io.kehu.server.lifecycle;

import io.kehu.search.InteractionDoc;
import io.kehu.server.lifecycle.LifecycleModel.Signals;
import io.kehu.server.lifecycle.SignalSummary.EngagementStat;
import io.kehu.server.lifecycle.SignalSummary.Signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds, extends and merges {@link SignalSummary summaries} under one half-life and one set of signal
 * matchers. Interactions on the {@link #TIMELINE_CHANNEL} are the hub's own stage-change entries and
 * never count.
 */
public final class SignalFolder {

    /** Channel of the timeline entries the hub writes for stage changes. */
    public static final String TIMELINE_CHANNEL = "lifecycle";
    /** How many ingested interaction ids a summary remembers for recognising crash replays. */
    static final int RECENT_IDS = 100;

    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private final SignalClassifier signals;
    private final double halfLifeDays;
    private final String basis;

    public SignalFolder(Signals signals, double halfLifeDays) {
        this.signals = new SignalClassifier(signals);
        this.halfLifeDays = halfLifeDays;
        // Records hash their components by value, so the same rules give the same basis on every run.
        this.basis = "h" + halfLifeDays + "-s" + Integer.toHexString(Objects.hashCode(signals));
    }

    public static SignalFolder of(LifecycleConfig config) {
        return new SignalFolder(config.lifecycle().signals(), config.scoring().engagement().halfLifeDays());
    }

    /** Identifies the rules a summary depends on: when they change, summaries must be rebuilt. */
    public String basis() {
        return basis;
    }

    public double halfLifeDays() {
        return halfLifeDays;
    }

    /** An empty summary; {@code complete} is false for a profile whose earlier timeline it does not hold. */
    public SignalSummary empty(boolean complete) {
        return new Acc(null).close(complete ? basis : null);
    }

    /** The summary of a whole timeline as the list-based rules see it: interactions after {@code now} are left out. */
    public SignalSummary fromTimeline(Collection<InteractionDoc> timeline, Instant now) {
        Acc acc = new Acc(null);
        for (InteractionDoc doc : timeline) {
            if (doc.occurredAt() != null && !doc.occurredAt().isAfter(now)) {
                acc.fold(doc, now);
            }
        }
        return acc.close(basis);
    }

    /** Starts from a stored summary; the result keeps its basis unless merged with one of another basis. */
    public Acc open(SignalSummary summary) {
        return new Acc(summary);
    }

    /** The decay factor from {@code from} to {@code to}: 0.5^(Δ/halfLife), above 1 when {@code to} is earlier. */
    double decay(Instant from, Instant to) {
        return Math.pow(0.5, Duration.between(from, to).toMillis() / MILLIS_PER_DAY / halfLifeDays);
    }

    /** A summary being extended; not thread-safe, used for one profile at a time. */
    public final class Acc {
        private String accBasis;
        private Instant ref;
        private final Map<String, double[]> engagement = new HashMap<>();
        private final Map<String, Instant> engagementLast = new HashMap<>();
        private int interactions;
        private int touches;
        private int purchases;
        private Instant lastActivity;
        private Instant lastReply;
        private Instant lastQuote;
        private Instant lastContract;
        private Instant lastPurchase;
        private Signal lastPositive;
        private Signal lastNegative;
        private final Deque<String> recentIds = new ArrayDeque<>();
        private final Set<String> recentSet = new java.util.HashSet<>();
        private int folded;

        private Acc(SignalSummary start) {
            accBasis = start == null ? basis : start.basis();
            if (start != null) {
                merge(start);
            }
        }

        /**
         * Folds in an interaction the ingest path received, unless its id was folded in already (a replay).
         * An interaction dated after {@code now} counts as happening {@code now}: a summary cannot hold it back.
         *
         * @return whether it was folded in
         */
        public boolean foldNew(InteractionDoc doc, Instant now) {
            if (doc.id() != null && recentSet.contains(doc.id())) {
                return false;
            }
            if (!fold(doc, now)) {
                return false;
            }
            if (doc.id() != null) {
                recentIds.addLast(doc.id());
                recentSet.add(doc.id());
                while (recentIds.size() > RECENT_IDS) {
                    recentSet.remove(recentIds.removeFirst());
                }
            }
            return true;
        }

        /** Folds in one interaction of a timeline; the hub's own stage-change entries and undated ones are skipped. */
        public boolean fold(InteractionDoc doc, Instant now) {
            if (doc.occurredAt() == null || TIMELINE_CHANNEL.equalsIgnoreCase(doc.channel())) {
                return false;
            }
            Instant at = doc.occurredAt().isAfter(now) ? now : doc.occurredAt();
            interactions++;
            folded++;
            lastActivity = max(lastActivity, at);
            if (doc.type() != null) {
                rereferenceTo(max(ref, at));
                String key = doc.type().toLowerCase(Locale.ROOT) + "@"
                        + (doc.channel() == null ? "-" : doc.channel().toLowerCase(Locale.ROOT));
                double[] stat = engagement.computeIfAbsent(key, k -> new double[2]);
                stat[0]++;
                stat[1] += decay(at, ref);
                engagementLast.merge(key, at, SignalFolder::max);
            }
            if (!signals.ignored(doc)) {
                touches++;
            }
            if (signals.reply(doc)) {
                lastReply = max(lastReply, at);
            }
            if (signals.quote(doc)) {
                lastQuote = max(lastQuote, at);
            }
            if (signals.contract(doc)) {
                lastContract = max(lastContract, at);
            }
            if (signals.purchase(doc)) {
                purchases++;
                lastPurchase = max(lastPurchase, at);
            }
            Signal signal = new Signal(at, doc.type(), doc.channel());
            if (signals.negative(doc)) {
                lastNegative = Signal.newer(lastNegative, signal);
            }
            if (signals.positive(doc)) {
                lastPositive = Signal.newer(lastPositive, signal);
            }
            return true;
        }

        /** Adds another profile's summary (a profile merge). Mixing bases makes the result incomplete. */
        public Acc merge(SignalSummary other) {
            if (!Objects.equals(accBasis, other.basis())) {
                accBasis = null;
            }
            if (other.ref() != null) {
                rereferenceTo(max(ref, other.ref()));
                double factor = decay(other.ref(), ref);
                other.engagement().forEach((key, stat) -> {
                    double[] s = engagement.computeIfAbsent(key, k -> new double[2]);
                    s[0] += stat.count();
                    s[1] += stat.decayed() * factor;
                    engagementLast.merge(key, stat.last(), SignalFolder::max);
                });
            }
            interactions += other.interactions();
            touches += other.touches();
            purchases += other.purchases();
            lastActivity = max(lastActivity, other.lastActivity());
            lastReply = max(lastReply, other.lastReply());
            lastQuote = max(lastQuote, other.lastQuote());
            lastContract = max(lastContract, other.lastContract());
            lastPurchase = max(lastPurchase, other.lastPurchase());
            lastPositive = Signal.newer(lastPositive, other.lastPositive());
            lastNegative = Signal.newer(lastNegative, other.lastNegative());
            for (String id : other.recentIds()) {
                if (recentSet.add(id)) {
                    recentIds.addLast(id);
                }
            }
            while (recentIds.size() > RECENT_IDS) {
                recentSet.remove(recentIds.removeFirst());
            }
            return this;
        }

        /** Interactions folded in through this accumulator (not counting a starting or merged summary). */
        public int folded() {
            return folded;
        }

        public SignalSummary close() {
            return close(accBasis);
        }

        private SignalSummary close(String withBasis) {
            Map<String, EngagementStat> stats = new HashMap<>();
            engagement.forEach((key, s) -> stats.put(key, new EngagementStat((long) s[0], s[1], engagementLast.get(key))));
            return new SignalSummary(withBasis, ref, stats, interactions, touches, purchases, lastActivity, lastReply,
                    lastQuote, lastContract, lastPurchase, lastPositive, lastNegative, List.copyOf(recentIds));
        }

        /** Moves the decayed sums' reference time; the sums are multiplied by the decay between the two. */
        private void rereferenceTo(Instant to) {
            if (ref == null) {
                ref = to;
                return;
            }
            if (to.equals(ref)) {
                return;
            }
            double factor = decay(ref, to);
            engagement.values().forEach(s -> s[1] *= factor);
            ref = to;
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : (a.isAfter(b) ? a : b);
    }
}

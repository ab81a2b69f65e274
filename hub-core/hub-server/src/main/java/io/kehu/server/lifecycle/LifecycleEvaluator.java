package io.kehu.server.lifecycle;

import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.VersionedDoc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates stored profiles under any version of the rules without writing: for dry runs of a rules
 * change and for profiles the sweep has not scored yet. When the profile's summary was built under other
 * summary rules (half-life, signals) than the ones given, it is rebuilt from the timeline first, so the
 * answer is what the rules would really give.
 */
public final class LifecycleEvaluator {

    private final Documents docs;
    private final IndexNames names;
    private final SummaryRebuilder rebuilder;

    public LifecycleEvaluator(Documents docs, IndexNames names, SummaryRebuilder rebuilder) {
        this.docs = docs;
        this.names = names;
        this.rebuilder = rebuilder;
    }

    /** The stored profile {@code profileId} evaluated under {@code config} at {@code now}; empty when there is none. */
    public Optional<LifecycleCalculator.Evaluation> evaluate(String profileId, LifecycleConfig config, Instant now) {
        return docs.get(names.profiles(), profileId, StoredProfile.class)
                .map(VersionedDoc::source)
                .map(stored -> evaluate(stored, config, now));
    }

    public LifecycleCalculator.Evaluation evaluate(StoredProfile stored, LifecycleConfig config, Instant now) {
        return evaluate(stored, new LifecycleCalculator(config), now);
    }

    /** As above, with the engines built once for many profiles (a dry run). */
    public LifecycleCalculator.Evaluation evaluate(StoredProfile stored, LifecycleCalculator calculator, Instant now) {
        ProfileLifecycle current = stored.lifecycle() != null ? stored.lifecycle()
                : calculator.initial(stored.profile().createdAt(), false);
        if (current.signals().completeFor(calculator.folder().basis())) {
            return calculator.evaluate(stored.profile(), current, now);
        }
        SignalSummary rebuilt = rebuilder.rebuild(List.of(stored.profile()), calculator.folder(), now)
                .get(stored.profile().id());
        return calculator.rebuilt(stored.profile(), current, rebuilt, now);
    }
}

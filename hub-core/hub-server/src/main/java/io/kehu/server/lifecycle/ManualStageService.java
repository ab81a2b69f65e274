package io.kehu.server.lifecycle;

import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.kehu.api.HubException;
import io.kehu.search.BulkItemResult;
import io.kehu.search.BulkWriter;
import io.kehu.search.Documents;
import io.kehu.search.IndexNames;
import io.kehu.search.StageChangeDoc;
import io.kehu.search.VersionedDoc;
import io.kehu.server.connectors.NotFoundException;
import io.kehu.server.lifecycle.LifecycleCalculator.Evaluation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Sets a profile's stage by hand, or hands it back to the rules. The profile is written conditionally on
 * the version read and retried when the ingest path or the sweep wrote in between; the change is recorded
 * with {@code by} = the API key's name and the listeners are told once it is stored.
 */
public final class ManualStageService {

    private static final int ATTEMPTS = 5;

    private final Documents docs;
    private final BulkWriter bulk;
    private final IndexNames names;
    private final LifecycleRules rules;
    private final StageChangeRecorder recorder;
    private final Clock clock;

    public ManualStageService(Documents docs, BulkWriter bulk, IndexNames names, LifecycleRules rules,
                              StageChangeRecorder recorder, Clock clock) {
        this.docs = docs;
        this.bulk = bulk;
        this.names = names;
        this.rules = rules;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** The outcome: the profile as stored now and the changes recorded (none when nothing moved). */
    public record Outcome(StoredProfile profile, List<StageChangeDoc> changes) {
    }

    /** @throws UnknownStageException when the model has no such stage */
    public Outcome set(String profileId, String stageId, String reason, String by) {
        LifecycleRules.Current current = rules.current();
        if (stageId == null || current.config().lifecycle().stage(stageId).isEmpty()) {
            throw new UnknownStageException(stageId, current.config().lifecycle().stages().stream()
                    .map(LifecycleModel.Stage::id).toList());
        }
        return update(profileId, by, (calc, stored) ->
                calc.setManually(stored.profile(), lifecycleOf(calc, stored), stageId, reason, clock.instant()));
    }

    public Outcome release(String profileId, String by) {
        return update(profileId, by, (calc, stored) ->
                calc.release(stored.profile(), lifecycleOf(calc, stored), clock.instant()));
    }

    private Outcome update(String profileId, String by, BiFunction<LifecycleCalculator, StoredProfile, Evaluation> change) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            VersionedDoc<StoredProfile> doc = docs.get(names.profiles(), profileId, StoredProfile.class)
                    .orElseThrow(() -> new NotFoundException("No profile with id " + profileId));
            LifecycleCalculator calc = new LifecycleCalculator(rules.current());
            Evaluation e = change.apply(calc, doc.source());
            StoredProfile next = new StoredProfile(doc.source().profile(), e.lifecycle());
            BulkItemResult r = bulk.execute(List.of(BulkOperation.of(b -> b.index(x -> x.index(names.profiles())
                    .id(profileId).document(next).ifSeqNo(doc.seqNo()).ifPrimaryTerm(doc.primaryTerm())))), true).get(0);
            if (r.conflict()) {
                continue;
            }
            if (!r.ok()) {
                throw r.retryable() ? HubException.retryable("Elasticsearch pushed back on a stage write", null)
                        : new HubException(HubException.Kind.BUG, "A stage write failed: " + r.errorType());
            }
            List<StageChangeDoc> changes = recorder.docs(profileId, e.changes(), by, e.lifecycle().rulesVersion());
            List<BulkOperation> ops = new ArrayList<>();
            changes.forEach(c -> ops.addAll(recorder.operations(c)));
            bulk.executeAll(ops, true, "stage change");
            recorder.publish(changes.stream()
                    .map(c -> StageChangeRecorder.event(c, next.profile(), next.lifecycle())).toList());
            return new Outcome(next, changes);
        }
        throw HubException.retryable("The profile kept changing while its stage was set; try again", null);
    }

    private static ProfileLifecycle lifecycleOf(LifecycleCalculator calc, StoredProfile stored) {
        return stored.lifecycle() != null ? stored.lifecycle() : calc.initial(stored.profile().createdAt(), false);
    }

    /** A stage id the model does not know; answered with 422 and the known ids. */
    public static final class UnknownStageException extends HubException {
        private final List<String> known;

        UnknownStageException(String stageId, List<String> known) {
            super(Kind.INVALID_INPUT, "Unknown lifecycle stage '" + stageId + "'; known stages: " + known);
            this.known = List.copyOf(known);
        }

        public List<String> known() {
            return known;
        }
    }
}

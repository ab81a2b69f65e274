package io.kehu.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.kehu.server.lifecycle.LifecycleConfig;
import java.time.Instant;

/**
 * Says where a stored profile would stand under candidate rules, writing nothing; the dry run counts
 * the answers. {@link StoredProfileEvaluator} answers with the lifecycle engine itself.
 */
public interface CandidateEvaluator {

    /** Prepares an evaluation under {@code candidate} at {@code now}: engines are built once per dry run. */
    Evaluation under(LifecycleConfig candidate, Instant now);

    /** Places one profile, given its stored {@code _source} (with its {@code lifecycle} object, if any). */
    @FunctionalInterface
    interface Evaluation {
        Placement place(JsonNode profileSource);
    }

    record Placement(String stage, String tier) {
    }
}

package io.kehu.server.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.server.lifecycle.LifecycleCalculator;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.LifecycleEvaluator;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;

import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Places a stored profile under candidate rules with the lifecycle engine itself: its stored signal
 * summary is scored and its stage decided under the candidate, and a summary built under another
 * half-life or other signal rules is rebuilt from the timeline first. So a dry run shows the effect of
 * every kind of rule change, stage rules and engagement weights included.
 */
public final class StoredProfileEvaluator implements CandidateEvaluator {

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final LifecycleEvaluator evaluator;

    public StoredProfileEvaluator(LifecycleEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Evaluation under(LifecycleConfig candidate, Instant now) {
        LifecycleCalculator calculator = new LifecycleCalculator(candidate);
        return source -> {
            StoredProfile stored = read(source);
            ProfileLifecycle after = evaluator.evaluate(stored, calculator, now).lifecycle();
            return new Placement(after.stage(), after.tier());
        };
    }

    private StoredProfile read(JsonNode source) {
        try {
            return json.treeToValue(source, StoredProfile.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("A stored profile could not be read", e);
        }
    }
}

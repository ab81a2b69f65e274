package io.kehu.server.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.LifecycleConfig;
import io.kehu.server.lifecycle.Scorer;
import io.kehu.server.lifecycle.ScoringRules;
import java.time.Instant;
import java.util.List;

/**
 * A simple evaluator for testing the dry run's walk and counting on fixtures without timelines: fit is recomputed from
 * the profile's fields with the candidate's scorer, the stored engagement is kept (recomputing it
 * needs the timeline), and so is the stored stage. Changes to fit rules, the combination weights and
 * tier thresholds therefore show; changes to stage rules and engagement weights do not.
 */
final class StoredFieldsEvaluator implements CandidateEvaluator {

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Override
    public Evaluation under(LifecycleConfig candidate, Instant now) {
        Scorer scorer = new Scorer(candidate);
        ScoringRules.Combined weights = candidate.scoring().combined();
        String initial = candidate.lifecycle().transitions().initial();
        return source -> {
            Profile profile = json.convertValue(source, Profile.class);
            JsonNode stored = source.path("lifecycle");
            int fit = scorer.score(profile, List.of(), now).fit();
            int engagement = stored.path("engagement").asInt(0);
            int combined = (int) Math.max(0, Math.min(100,
                    Math.round(weights.fit() * fit + weights.engagement() * engagement)));
            String stage = stored.path("stage").isTextual() ? stored.path("stage").asText() : initial;
            return new Placement(stage, scorer.tier(combined));
        };
    }
}

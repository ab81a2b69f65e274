package io.kehu.server.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A profile's stored lifecycle: field {@code lifecycle} of the profile document. Funnel and alert code
 * query these names; keep them.
 *
 * @param stage        the stage id
 * @param stageSince   when the profile entered it
 * @param manual       set by a person through the API; the rules leave it alone until released
 * @param purchases    purchases known (the larger of a CRM's count and the timeline's)
 * @param rulesVersion the lifecycle rules version that scored and staged it
 * @param scoredAt     when it was scored
 * @param reasons      every rule behind the scores (not indexed)
 * @param signals      the timeline summary the rules work from (not indexed)
 */
public record ProfileLifecycle(
        String stage,
        Instant stageSince,
        boolean manual,
        int purchases,
        int fit,
        int engagement,
        int combined,
        String tier,
        int rulesVersion,
        Instant scoredAt,
        List<ScoreReason> reasons,
        SignalSummary signals) {

    public ProfileLifecycle {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        // Stored without a summary (written by another tool, or damaged): a summary built under no rules,
        // which every reader rebuilds from the timeline before trusting it.
        signals = signals == null
                ? new SignalSummary(null, null, null, 0, 0, 0, null, null, null, null, null, null, null, null)
                : signals;
    }

    public StageState state() {
        return new StageState(stage, stageSince, manual, purchases);
    }

    public Score score() {
        return new Score(fit, engagement, combined, tier, rulesVersion, reasons);
    }

    static ProfileLifecycle of(StageState state, Score score, Instant scoredAt, SignalSummary signals) {
        return new ProfileLifecycle(state.stage(), state.since(), state.manual(), state.purchases(), score.fit(),
                score.engagement(), score.combined(), score.tier(), score.rulesVersion(), scoredAt, score.reasons(),
                signals);
    }

    /**
     * Whether {@code other} differs in what the stage, funnel and tiers show. Decaying reason points, the
     * scoring time and the summary's reference time alone are no reason to write a profile again.
     */
    public boolean sameStanding(ProfileLifecycle other) {
        return other != null && Objects.equals(stage, other.stage) && Objects.equals(stageSince, other.stageSince)
                && manual == other.manual && purchases == other.purchases && fit == other.fit
                && engagement == other.engagement && combined == other.combined && Objects.equals(tier, other.tier)
                && rulesVersion == other.rulesVersion;
    }
}

package io.kehu.server.claims;

import io.kehu.api.domain.Profile;
import io.kehu.search.PoolDoc;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;
import java.time.Instant;
import java.util.List;

/**
 * An open lead as a salesperson sees it before claiming: the rule that pooled it, the deadline and enough of the
 * profile to decide. Phones and e-mails are left out: they come with the lead once it is one's own.
 *
 * @param profile null when the profile is gone (merged or removed) since it was offered
 */
public record ClaimView(String profileId, String ruleId, Instant offeredAt, Instant deadline, int requeues,
                        List<String> eligible, Summary profile) {

    /** What a salesperson weighs up: who, where, how hot. */
    public record Summary(String name, String company, String title, String region, List<String> tags,
                          List<String> sources, String stage, String tier, Integer score, Instant lastInteractionAt) {
    }

    static ClaimView of(PoolDoc lead, StoredProfile stored) {
        Summary summary = null;
        if (stored != null) {
            Profile p = stored.profile();
            ProfileLifecycle l = stored.lifecycle();
            summary = new Summary(p.name(), p.company(), p.title(), p.region(), p.tags(), p.sources(),
                    l == null ? null : l.stage(), l == null ? null : l.tier(), l == null ? null : l.combined(),
                    p.lastInteractionAt());
        }
        return new ClaimView(lead.profileId(), lead.ruleId(), lead.offeredAt(), lead.deadline(), lead.requeues(),
                lead.eligible(), summary);
    }
}

package io.kehu.server.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kehu.api.domain.Profile;
import io.kehu.server.lifecycle.LifecycleModel;
import io.kehu.server.lifecycle.ProfileLifecycle;
import io.kehu.server.lifecycle.StoredProfile;

/**
 * One search result: the profile's fields as before and, beside them, enough of its lifecycle for a result
 * list (stage badge, tier) without the reasons or the signal summary.
 *
 * @param lifecycle null for a profile the rules have not scored yet
 */
public record ProfileHit(@JsonUnwrapped Profile profile, Badge lifecycle) {

    /** Source fields a result list does not need: the scoring's explanation, the rules' working data, search-only fields. */
    static final String[] EXCLUDED = {"lifecycle.reasons", "lifecycle.signals", "namesPinyin", "namesSimplified",
            "companiesSimplified"};

    public record Badge(LifecycleView.Stage stage, boolean manual, int combined, String tier) {
    }

    static ProfileHit of(StoredProfile stored, LifecycleModel model) {
        ProfileLifecycle l = stored.lifecycle();
        if (l == null) {
            return new ProfileHit(stored.profile(), null);
        }
        LifecycleView.Stage stage = LifecycleView.stageOf(l.stage(), model);
        return new ProfileHit(stored.profile(), new Badge(stage, l.manual(), l.combined(), l.tier()));
    }
}

package io.kehu.server.lifecycle;

import java.util.List;

/** Fit, engagement and combined scores (0–100), the tier and every reason behind them. */
public record Score(int fit, int engagement, int combined, String tier, int rulesVersion, List<ScoreReason> reasons) {

    public Score {
        reasons = List.copyOf(reasons);
    }
}

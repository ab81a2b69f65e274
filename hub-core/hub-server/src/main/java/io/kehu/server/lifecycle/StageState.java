package io.kehu.server.lifecycle;

import java.time.Instant;

/**
 * Where a profile stands: its stage, since when, whether a person set it, and how many purchases are
 * known (the engine keeps the larger of this and the purchases it counts on the timeline, so a count
 * from a CRM is not lost).
 */
public record StageState(String stage, Instant since, boolean manual, int purchases) {

    /** The same stage, handed back to the rules. */
    public StageState clearManual() {
        return new StageState(stage, since, false, purchases);
    }
}

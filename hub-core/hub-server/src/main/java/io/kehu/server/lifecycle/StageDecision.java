package io.kehu.server.lifecycle;

/**
 * The outcome of evaluating a profile's stage.
 *
 * @param state  the state to store (changed or not; the purchase count may have grown)
 * @param change the history entry to record, or {@code null} when the stage did not change
 * @param reason why the stage changed, or why it stayed
 */
public record StageDecision(StageState state, StageChange change, String reason) {

    public boolean changed() {
        return change != null;
    }
}

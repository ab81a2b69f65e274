package io.kehu.server.lifecycle;

/**
 * The whole lifecycle configuration as read from {@code config/lifecycle.yml}: the stage model and
 * the scoring rules. {@code version} is bumped whenever the rules change, so a stored stage or score
 * can say which rules produced it.
 */
public record LifecycleConfig(int version, LifecycleModel lifecycle, ScoringRules scoring) {
}

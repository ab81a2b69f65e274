package io.kehu.server.lifecycle;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lifecycle rules in force. Read once per batch or sweep page, so a rules change through the API
 * takes effect at the next batch without a restart, and one batch never mixes two versions.
 */
public final class LifecycleRules {

    private final AtomicReference<Current> current;

    public LifecycleRules(LifecycleConfig initial) {
        this.current = new AtomicReference<>(Current.of(initial));
    }

    public Current current() {
        return current.get();
    }

    public void replace(LifecycleConfig config) {
        current.set(Current.of(Objects.requireNonNull(config)));
    }

    /** One version of the rules with its engines, built once per version. */
    public record Current(LifecycleConfig config, Scorer scorer, StageEngine stages) {

        static Current of(LifecycleConfig config) {
            return new Current(config, new Scorer(config), new StageEngine(config.lifecycle()));
        }

        public int version() {
            return config.version();
        }
    }
}

package io.kehu.server.routing;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The routing rules in force. Read once per batch, so a rules change through the API takes effect at the
 * next batch without a restart, and one batch never mixes two versions. Only validated configs belong
 * here (see {@link RoutingConfigLoader#validate}).
 */
public final class RoutingRules {

    private final AtomicReference<Current> current;

    public RoutingRules(RoutingConfig initial) {
        this.current = new AtomicReference<>(Current.of(initial));
    }

    public Current current() {
        return current.get();
    }

    public void replace(RoutingConfig config) {
        current.set(Current.of(Objects.requireNonNull(config)));
    }

    /** One version of the rules with its engine and claim pool, built once per version. */
    public record Current(RoutingConfig config, RoutingEngine engine, ClaimPool pool) {

        public static Current of(RoutingConfig config) {
            return new Current(config, new RoutingEngine(config), new ClaimPool(config));
        }

        public int version() {
            return config.version();
        }
    }
}

package io.kehu.api.spi;

import java.time.Duration;

/**
 * A destination's documented call budget, e.g. 100 calls per 20 seconds for 纷享销客. The hub spaces
 * {@link DestinationTask#deliver} calls of an instance so that it stays within it.
 *
 * @param calls calls allowed per window; 0 means no limit
 * @param per   the window
 */
public record RateLimit(int calls, Duration per) {

    public static final RateLimit UNLIMITED = new RateLimit(0, Duration.ZERO);

    public RateLimit {
        if (calls < 0 || per == null || per.isNegative() || (calls > 0 && per.isZero())) {
            throw new IllegalArgumentException("A rate limit needs calls >= 0 and a positive window");
        }
    }

    public static RateLimit of(int calls, Duration per) {
        return new RateLimit(calls, per);
    }

    public boolean unlimited() {
        return calls == 0;
    }
}

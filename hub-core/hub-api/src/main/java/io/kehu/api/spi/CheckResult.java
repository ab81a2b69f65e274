package io.kehu.api.spi;

/** Outcome of a connector's {@code check}: can it reach and use its remote side with this configuration? */
public record CheckResult(boolean ok, String message) {

    public static CheckResult ok(String message) {
        return new CheckResult(true, message);
    }

    public static CheckResult failed(String message) {
        return new CheckResult(false, message);
    }
}

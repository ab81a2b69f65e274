package io.kehu.server.lifecycle;

/** One problem found while validating a {@link LifecycleConfig}; {@code path} names the offending field. */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

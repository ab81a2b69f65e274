package io.kehu.api.spi;

/** A reason a configuration is not accepted, tied to the field at fault (null for the whole config). */
public record ConfigProblem(String field, String message) {
}

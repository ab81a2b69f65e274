package io.kehu.server.identity;

/**
 * The outcome of normalizing one raw value: either the normalized {@link #value()} or, when the
 * value cannot be used as an identifier, a {@link #rejectionReason()} that describes the problem
 * without repeating the value (reasons end up in logs and API answers; values are personal data).
 */
public record NormalizedValue(String value, String rejectionReason) {

    public NormalizedValue {
        if ((value == null) == (rejectionReason == null)) {
            throw new IllegalArgumentException("exactly one of value and rejectionReason must be set");
        }
    }

    /** A usable, normalized value. */
    public static NormalizedValue of(String value) {
        return new NormalizedValue(value, null);
    }

    /** A refusal; {@code reason} must describe the problem, never quote the value. */
    public static NormalizedValue rejected(String reason) {
        return new NormalizedValue(null, reason);
    }

    /** Whether the value was accepted. */
    public boolean ok() {
        return value != null;
    }
}

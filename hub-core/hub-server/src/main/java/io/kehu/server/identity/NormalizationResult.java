package io.kehu.server.identity;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;

import java.util.Objects;

/**
 * The outcome of normalizing one {@link Identifier}: the normalized identifier, or the reason it
 * must not be used for identity resolution. The type is kept on refusals too, so a caller can
 * count and log them per kind without holding on to the raw (personal) value.
 */
public record NormalizationResult(IdentifierType type, Identifier normalized, String rejectionReason) {

    public NormalizationResult {
        Objects.requireNonNull(type, "type");
        if ((normalized == null) == (rejectionReason == null)) {
            throw new IllegalArgumentException("exactly one of normalized and rejectionReason must be set");
        }
        if (normalized != null && normalized.type() != type) {
            throw new IllegalArgumentException("normalized identifier has type " + normalized.type()
                    + ", expected " + type);
        }
    }

    /** An identifier that may be used to link records. */
    public static NormalizationResult accepted(Identifier normalized) {
        Objects.requireNonNull(normalized, "normalized");
        return new NormalizationResult(normalized.type(), normalized, null);
    }

    /** A refusal; {@code reason} describes the problem and never quotes the value. */
    public static NormalizationResult rejected(IdentifierType type, String reason) {
        return new NormalizationResult(type, null, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the identifier was accepted. */
    public boolean ok() {
        return normalized != null;
    }
}

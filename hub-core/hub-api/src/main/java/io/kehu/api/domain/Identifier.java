package io.kehu.api.domain;

import java.util.Objects;

/**
 * One identifier of a person as a source saw it. Connectors pass raw values; the hub normalizes
 * them (phone to E.164, e-mail lower-cased) before resolving identity.
 */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Identifier phone(String value) {
        return new Identifier(IdentifierType.PHONE, value);
    }

    public static Identifier email(String value) {
        return new Identifier(IdentifierType.EMAIL, value);
    }

    public static Identifier unionId(String value) {
        return new Identifier(IdentifierType.WECHAT_UNIONID, value);
    }

    /** The key an identifier document is stored under, such as {@code email:a@b.com}. */
    public String key() {
        return type.prefix() + ":" + value;
    }
}

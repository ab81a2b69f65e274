package io.kehu.api.domain;

import java.util.Locale;

/** Kinds of identifiers that can tie records to one real person. */
public enum IdentifierType {
    PHONE("phone"),
    EMAIL("email"),
    /** WeChat Open Platform unionid: the same person across all of a company's WeChat apps. */
    WECHAT_UNIONID("unionid"),
    /** Official Account openid: per app, so it is stored together with the app id. */
    WECHAT_OPENID("openid"),
    /** WeCom external_userid: per corp, so it is stored together with the corp id. */
    WECOM_EXTERNAL_USERID("wecom"),
    /** A record id in a CRM, written as {@code system/id}. */
    CRM_ID("crm");

    private final String prefix;

    IdentifierType(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix used in identifier keys, such as {@code phone} in {@code phone:+8613800000001}. */
    public String prefix() {
        return prefix;
    }

    public static IdentifierType fromPrefix(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        for (IdentifierType t : values()) {
            if (t.prefix.equals(p) || t.name().toLowerCase(Locale.ROOT).equals(p)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown identifier type: " + prefix);
    }
}

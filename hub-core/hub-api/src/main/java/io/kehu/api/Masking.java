package io.kehu.api;

import io.kehu.api.domain.Identifier;

/**
 * Masks personal data for log lines: enough left to tell two values apart while debugging,
 * not enough to contact the person. Every method is null-safe (null in, null out). The hub and
 * plugins share it, so a value looks the same in every log.
 */
public final class Masking {

    private static final String STARS = "***";

    private Masking() {
    }

    /**
     * Masks the four digits before the last four, keeping everything else, as Chinese apps show
     * numbers: {@code +8613800138000} → {@code +86138****8000}, {@code 138 0013 8000} →
     * {@code 138 **** 8000}. Short values keep at most their last two digits; letters are masked.
     */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        int digits = (int) phone.chars().filter(Character::isDigit).count();
        int keepFrom;
        int maskFrom;
        if (digits >= 8) {
            maskFrom = digits - 8;
            keepFrom = digits - 4;
        } else {
            maskFrom = 0;
            keepFrom = digits >= 4 ? digits - 2 : digits;
        }
        StringBuilder out = new StringBuilder(phone.length());
        int index = 0;
        for (int i = 0; i < phone.length(); ) {
            int cp = phone.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isDigit(cp)) {
                boolean masked = index >= maskFrom && index < keepFrom;
                index++;
                if (masked) {
                    out.append('*');
                    continue;
                }
            } else if (Character.isLetter(cp)) {
                out.append('*'); // a "phone" with words in it may be a name or a note
                continue;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /**
     * Keeps the first character of the local part and the domain: {@code zhang.san@example.com} →
     * {@code z***@example.com}. Always three stars, so the length is not revealed; a one-character
     * local part is masked entirely. Without an {@code @} the whole value is treated as local part.
     */
    public static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        String domain = at < 0 ? "" : email.substring(at);
        return maskHead(local) + domain;
    }

    /** Keeps the first character and masks each other one: {@code 张三丰} → {@code 张**}. */
    public static String maskName(String name) {
        if (name == null) {
            return null;
        }
        int count = name.codePointCount(0, name.length());
        if (count <= 1) {
            return "*".repeat(count); // a one-character name would be shown whole otherwise
        }
        int first = name.codePointAt(0);
        return new StringBuilder().appendCodePoint(first).append("*".repeat(count - 1)).toString();
    }

    /**
     * Masks an opaque id (unionid, openid, CRM record id): first and last three characters of
     * ids longer than eight, nothing of shorter ones.
     */
    public static String maskId(String id) {
        if (id == null) {
            return null;
        }
        int count = id.codePointCount(0, id.length());
        if (count <= 8) {
            return STARS;
        }
        int headEnd = id.offsetByCodePoints(0, 3);
        int tailStart = id.offsetByCodePoints(0, count - 3);
        return id.substring(0, headEnd) + STARS + id.substring(tailStart);
    }

    /**
     * Masks an identifier as its key, e.g. {@code phone:+86138****8000}. App ids, corp ids and
     * CRM system names are configuration, not personal data, and stay readable.
     */
    public static String mask(Identifier identifier) {
        if (identifier == null) {
            return null;
        }
        String value = identifier.value();
        String masked = switch (identifier.type()) {
            case PHONE -> maskPhone(value);
            case EMAIL -> maskEmail(value);
            case WECHAT_UNIONID -> maskId(value);
            case WECHAT_OPENID, WECOM_EXTERNAL_USERID, CRM_ID -> {
                int slash = value.indexOf('/');
                yield slash < 0 ? maskId(value) : value.substring(0, slash + 1) + maskId(value.substring(slash + 1));
            }
        };
        return identifier.type().prefix() + ":" + masked;
    }

    private static String maskHead(String s) {
        if (s.codePointCount(0, s.length()) <= 1) {
            return STARS;
        }
        return new StringBuilder().appendCodePoint(s.codePointAt(0)).append(STARS).toString();
    }
}

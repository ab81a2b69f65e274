package io.kehu.server.identity;

import java.util.regex.Pattern;

/**
 * Validates WeChat identifiers. They are opaque, case-sensitive tokens issued by Tencent, so they
 * are only trimmed, never case-folded or otherwise repaired:
 * <ul>
 *   <li>unionid: the same person across all apps bound to one Open Platform account;</li>
 *   <li>openid: per Official Account / Mini Program, written {@code appid/openid};</li>
 *   <li>WeCom external_userid: per corp, written {@code corpid/external_userid}.</li>
 * </ul>
 * Every segment must match {@code [A-Za-z0-9_-]{6,128}}. Thread-safe.
 */
public final class WeChatIdNormalizer {

    static final String EMPTY = "empty value";
    static final String NOT_SCOPED_OPENID = "openid must be written appid/openid";
    static final String NOT_SCOPED_EXTERNAL = "external_userid must be written corpid/external_userid";
    private static final String SEGMENT_RULE = " must be 6 to 128 letters, digits, '_' or '-'";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{6,128}");

    /** Validates a unionid. */
    public NormalizedValue normalizeUnionId(String raw) {
        return single(raw, "unionid");
    }

    /** Validates an openid written together with the app that issued it: {@code appid/openid}. */
    public NormalizedValue normalizeOpenId(String raw) {
        return scoped(raw, "app id", "openid", NOT_SCOPED_OPENID);
    }

    /** Validates a WeCom external_userid written with its corp: {@code corpid/external_userid}. */
    public NormalizedValue normalizeExternalUserId(String raw) {
        return scoped(raw, "corp id", "external_userid", NOT_SCOPED_EXTERNAL);
    }

    private static NormalizedValue single(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            return NormalizedValue.rejected(EMPTY);
        }
        String id = raw.strip();
        return ID.matcher(id).matches() ? NormalizedValue.of(id) : NormalizedValue.rejected(what + SEGMENT_RULE);
    }

    private static NormalizedValue scoped(String raw, String scopeName, String idName, String shapeReason) {
        if (raw == null || raw.isBlank()) {
            return NormalizedValue.rejected(EMPTY);
        }
        String[] parts = raw.strip().split("/", -1);
        if (parts.length != 2) {
            return NormalizedValue.rejected(shapeReason);
        }
        NormalizedValue scope = single(parts[0], scopeName);
        if (!scope.ok()) {
            return scope.rejectionReason().equals(EMPTY) ? NormalizedValue.rejected(shapeReason) : scope;
        }
        NormalizedValue id = single(parts[1], idName);
        if (!id.ok()) {
            return id.rejectionReason().equals(EMPTY) ? NormalizedValue.rejected(shapeReason) : id;
        }
        return NormalizedValue.of(scope.value() + "/" + id.value());
    }
}

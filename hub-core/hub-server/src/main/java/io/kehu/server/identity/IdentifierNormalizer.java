package io.kehu.server.identity;

import io.kehu.api.domain.Identifier;
import io.kehu.api.domain.IdentifierType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one entry point for turning identifiers as connectors saw them into the normalized
 * identifiers identity resolution links on. Dispatches by {@link IdentifierType}, and applies the
 * {@link BlockList} to the raw value (so a placeholder is reported as such, not as "invalid") and
 * again to the normalized value (so {@code ＋８６ 138-0000-0000} is caught as {@code +8613800000000}).
 * Never throws for bad values; thread-safe if its parts are (the provided ones are).
 */
public final class IdentifierNormalizer {

    private final PhoneNormalizer phones;
    private final EmailNormalizer emails;
    private final WeChatIdNormalizer weChatIds;
    private final CrmIdNormalizer crmIds;
    private final BlockList blockList;

    public IdentifierNormalizer(PhoneNormalizer phones, EmailNormalizer emails, WeChatIdNormalizer weChatIds,
            CrmIdNormalizer crmIds, BlockList blockList) {
        this.phones = Objects.requireNonNull(phones, "phones");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.weChatIds = Objects.requireNonNull(weChatIds, "weChatIds");
        this.crmIds = Objects.requireNonNull(crmIds, "crmIds");
        this.blockList = Objects.requireNonNull(blockList, "blockList");
    }

    /** The standard normalizers with {@code defaultPhoneRegion} (e.g. {@code CN}) and {@code blockList}. */
    public static IdentifierNormalizer create(String defaultPhoneRegion, BlockList blockList) {
        return new IdentifierNormalizer(new PhoneNormalizer(defaultPhoneRegion), new EmailNormalizer(),
                new WeChatIdNormalizer(), new CrmIdNormalizer(), blockList);
    }

    /** Normalizes one identifier, or says why it must not be used to link records. */
    public NormalizationResult normalize(Identifier raw) {
        Objects.requireNonNull(raw, "raw identifier");
        IdentifierType type = raw.type();
        if (blockList.isBlockedRaw(raw.value())) {
            return NormalizationResult.rejected(type, BlockList.REASON);
        }
        NormalizedValue value = switch (type) {
            case PHONE -> phones.normalize(raw.value());
            case EMAIL -> emails.normalize(raw.value());
            case WECHAT_UNIONID -> weChatIds.normalizeUnionId(raw.value());
            case WECHAT_OPENID -> weChatIds.normalizeOpenId(raw.value());
            case WECOM_EXTERNAL_USERID -> weChatIds.normalizeExternalUserId(raw.value());
            case CRM_ID -> crmIds.normalize(raw.value());
        };
        if (!value.ok()) {
            return NormalizationResult.rejected(type, value.rejectionReason());
        }
        Identifier normalized = new Identifier(type, value.value());
        if (blockList.isBlocked(normalized)) {
            return NormalizationResult.rejected(type, BlockList.REASON);
        }
        return NormalizationResult.accepted(normalized);
    }

    /**
     * Normalizes each identifier, in order. Accepted identifiers that normalize to the same value
     * ({@code 138 0013 8000} and {@code +86 13800138000}) appear once, at the first occurrence;
     * every refusal is kept, so callers can count and report them.
     */
    public List<NormalizationResult> normalizeAll(List<Identifier> raws) {
        Objects.requireNonNull(raws, "raws");
        List<NormalizationResult> results = new ArrayList<>(raws.size());
        Set<Identifier> seen = new HashSet<>();
        for (Identifier raw : raws) {
            NormalizationResult result = normalize(raw);
            if (!result.ok() || seen.add(result.normalized())) {
                results.add(result);
            }
        }
        return List.copyOf(results);
    }
}

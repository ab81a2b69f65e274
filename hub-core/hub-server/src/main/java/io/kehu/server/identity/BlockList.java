package io.kehu.server.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.kehu.api.domain.Identifier;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Values that must never link two people: placeholders typed into forms and spreadsheets
 * ("无", "n/a", {@code 00000000000}, {@code test@test.com}). Linking on one would merge every
 * stranger who typed it into one profile, so a blocked identifier is dropped, not resolved.
 *
 * <p>Defaults are only obvious placeholders, each justified below; anything debatable (vanity
 * numbers such as {@code 13888888888}, which are real and sold at auction) belongs in the extra
 * values from configuration, or blocked at run time (a persisted list, see the second constructor).
 * Matching is case-insensitive. Thread-safe.
 */
public final class BlockList {

    /** The rejection reason for a blocked value; it deliberately does not say which value. */
    public static final String REASON = "blocked placeholder value";

    /** What people type when a form insists on a value they do not want to give. */
    private static final Set<String> RAW_PLACEHOLDERS = Set.of(
            "null", "nil", "none", "undefined", "#n/a", "n/a", "na", "-", "--", ".", "0", "test",
            "无", "暂无", "空", "未知");

    /**
     * Phones, E.164. {@code +8613800138000} is the example number of Chinese documentation and
     * form hints ("如 13800138000"); {@code +8612345678901} is the keyboard run.
     */
    private static final Set<String> PHONES = Set.of("+8612345678901", "+8613800138000");
    /** A Chinese mobile prefix with an all-zero subscriber part, such as {@code +8613800000000}. */
    private static final Pattern CN_ZERO_SUBSCRIBER = Pattern.compile("\\+861\\d{2}0{8}");
    /** North American 555-0100 to 555-0199: reserved for fiction, never assigned to anyone. */
    private static final Pattern NANP_FICTIONAL = Pattern.compile("\\+1\\d{3}55501\\d{2}");
    private static final String ASCENDING = "12345678901234567890";

    private static final Set<String> EMAILS = Set.of("test@test.com", "a@a.com", "test@example.com");
    /** RFC 2606 example domains, plus test.com, which form testers use as if it were one. */
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net", "test.com");
    /** RFC 2606 / RFC 6761 reserved top-level domains: no real mailbox can live under them. */
    private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost");
    /** System senders and the literal "null" a broken export writes. */
    private static final Set<String> LOCAL_PARTS = Set.of(
            "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "null");

    /** What may stand between the digits of a placeholder number: white space (what {@code \s} matches) and {@code -+().}. */
    private static final String DIGIT_SEPARATORS = " \t\n\u000B\f\r-+().";

    private final Set<String> extra;
    /** Identifier keys blocked at run time (through the API or when a merge was undone), folded. */
    private final Supplier<Set<String>> persisted;

    /**
     * @param extraBlockedValues further values to block on top of the defaults, in normalized form
     *     ({@code +8613912345678}, {@code info@corp.cn}) or as identifier keys
     *     ({@code phone:+8613912345678}); blank entries are ignored
     */
    public BlockList(Collection<String> extraBlockedValues) {
        this(extraBlockedValues, Set::of);
    }

    /**
     * @param persistedKeys identifier keys blocked at run time ({@code phone:+861088886666}), asked on every
     *     check: it must answer from memory
     */
    public BlockList(Collection<String> extraBlockedValues, Supplier<Set<String>> persistedKeys) {
        Objects.requireNonNull(extraBlockedValues, "extraBlockedValues");
        this.persisted = Objects.requireNonNull(persistedKeys, "persistedKeys");
        this.extra = extraBlockedValues.stream()
                .filter(v -> v != null && !v.isBlank())
                .map(BlockList::fold)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The default block list with no extra values. */
    public static BlockList defaults() {
        return new BlockList(List.of());
    }

    /**
     * Whether a value as received (before normalization) is a placeholder: one of the
     * well-known words, only punctuation, one repeated digit ({@code 000-0000-0000}) or the
     * keyboard run {@code 1234567…}. Checked first so the reason says "placeholder", not "invalid".
     */
    public boolean isBlockedRaw(String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        String v = fold(raw);
        if (isPlaceholderWord(v)) {
            return true;
        }
        String digits = digitsOnly(v);
        if (digits == null) {
            return false;
        }
        // +86 111 1111 1111 is no valid number, but it is a placeholder and should be told as one.
        String national = withoutChinaPrefix(digits);
        return isRepeatedDigit(digits) || isAscendingRun(digits, 7)
                || isRepeatedDigit(national) || isAscendingRun(national, 7);
    }

    /** Whether a normalized identifier is a placeholder or one of the configured extra values. */
    public boolean isBlocked(Identifier normalized) {
        Objects.requireNonNull(normalized, "normalized");
        String value = fold(normalized.value());
        if (RAW_PLACEHOLDERS.contains(value)
                || !extra.isEmpty() && (extra.contains(value) || extra.contains(fold(normalized.key())))) {
            return true;
        }
        Set<String> runtime = persisted.get();
        if (!runtime.isEmpty() && runtime.contains(fold(normalized.key()))) {
            return true;
        }
        return switch (normalized.type()) {
            case PHONE -> isBlockedPhone(value);
            case EMAIL -> isBlockedEmail(value);
            // The scope (app, corp, CRM system) is configuration; the part after it is what a
            // broken export fills with "null" or "undefined". No digit rules here: small CRMs
            // number their records 1, 2, 11, and those are real ids.
            case WECHAT_OPENID, WECOM_EXTERNAL_USERID, CRM_ID -> value.indexOf('/') >= 0
                    && isPlaceholderWord(value.substring(value.indexOf('/') + 1));
            case WECHAT_UNIONID -> false;
        };
    }

    private static boolean isBlockedPhone(String e164) {
        if (PHONES.contains(e164) || CN_ZERO_SUBSCRIBER.matcher(e164).matches()
                || NANP_FICTIONAL.matcher(e164).matches()) {
            return true;
        }
        String national = nationalNumber(e164);
        return national != null && (isRepeatedDigit(national) || isAscendingRun(national, 8));
    }

    /**
     * The national significant number, without the country code: +8611111111111 → 11111111111; null when there is
     * none. The normalizer's E.164 output is {@code +}, a calling code, then exactly that number, and calling codes
     * are prefix-free, so the first prefix that is one splits it: the same answer as parsing the number again,
     * which imports did for every phone.
     */
    private static String nationalNumber(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        if (e164.length() > 1 && e164.charAt(0) == '+' && isDigits(e164, 1)) {
            for (int end = 2; end <= Math.min(4, e164.length()); end++) {
                if (!"ZZ".equals(util.getRegionCodeForCountryCode(Integer.parseInt(e164.substring(1, end))))) {
                    return e164.substring(end);
                }
            }
            return null;
        }
        try {
            return util.getNationalSignificantNumber(util.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return null; // not our concern here: the normalizer decides what a valid number is
        }
    }

    private static boolean isDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The digits of a value that holds only digits and {@link #DIGIT_SEPARATORS}; null otherwise, or if it has none. */
    private static String digitsOnly(String v) {
        StringBuilder digits = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (DIGIT_SEPARATORS.indexOf(c) < 0) {
                return null;
            }
        }
        return digits.length() == 0 ? null : digits.toString();
    }

    /** {@code 86} or {@code 0086} in front of an 11-digit Chinese mobile number, once the + is gone, taken off. */
    private static String withoutChinaPrefix(String digits) {
        if (digits.length() == 13 && digits.startsWith("86")) {
            return digits.substring(2);
        }
        if (digits.length() == 15 && digits.startsWith("0086")) {
            return digits.substring(4);
        }
        return digits;
    }

    private static boolean isBlockedEmail(String email) {
        if (EMAILS.contains(email)) {
            return true;
        }
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return false;
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        return LOCAL_PARTS.contains(local)
                || RESERVED_TLDS.contains(tld)
                || DOMAINS.stream().anyMatch(d -> domain.equals(d) || domain.endsWith("." + d));
    }

    private static boolean isRepeatedDigit(String digits) {
        return !digits.isEmpty() && digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    private static boolean isAscendingRun(String digits, int minLength) {
        return digits.length() >= minLength && ASCENDING.startsWith(digits);
    }

    private boolean isPlaceholderWord(String folded) {
        if (RAW_PLACEHOLDERS.contains(folded) || extra.contains(folded)) {
            return true;
        }
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (cp != ' ' && !isPunctuationOrSymbol(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isPunctuationOrSymbol(int cp) {
        // Character's general categories DASH_PUNCTUATION (20) to FINAL_QUOTE_PUNCTUATION (30)
        // are exactly the punctuation and symbol categories.
        int type = Character.getType(cp);
        return type >= Character.DASH_PUNCTUATION && type <= Character.FINAL_QUOTE_PUNCTUATION;
    }

    /** An identifier key in the form the run-time list holds and matches. */
    public static String keyForm(String key) {
        return fold(key);
    }

    private static String fold(String s) {
        return TextCleanup.fold(s).toLowerCase(Locale.ROOT);
    }
}

package io.kehu.server.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes phone numbers as people, forms and spreadsheets write them to E.164
 * ({@code +8613800138000}), using libphonenumber with a default region for numbers written
 * without a country code. Extensions are dropped: they reach a desk, not a person, and the
 * number without them still identifies the line. Thread-safe.
 */
public final class PhoneNormalizer {

    static final String EMPTY = "empty value";
    static final String EXCEL_SCIENTIFIC = "looks like a number Excel turned into scientific notation;"
            + " the digits are lost, re-export the column as text";
    static final String LETTERS = "contains letters; not a phone number";
    static final String SEVERAL = "looks like several phone numbers in one value";
    static final String BAD_CHARACTERS = "contains characters that are not part of a phone number";
    static final String NOT_A_NUMBER = "not a phone number";
    static final String TOO_SHORT = "too short to be a phone number";
    static final String TOO_LONG = "too long to be a phone number";
    static final String BAD_COUNTRY_CODE = "unknown country calling code";
    static final String BAD_LENGTH = "impossible length for a phone number of its country";

    /** {@code 1.39E+10}, {@code 1.38001E10}, {@code 1,38E+10} (decimal comma in some locales). */
    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+(?:[.,]\\d+)?\\s*[eE]\\s*[+-]?\\d+");
    /** A number column Excel stored as a float and wrote back as {@code 13800138000.0}. */
    private static final Pattern EXCEL_DECIMAL = Pattern.compile("(\\+?\\d+)\\.0+");
    /** Trailing extension: {@code 转 123}, {@code 分机 12}, {@code ext. 12}, {@code x12}, {@code #12}. */
    private static final Pattern EXTENSION = Pattern.compile(
            "[\\s,;-]*(?:转|轉|分机|分機|内线|內線|extension|ext\\.?|x|#)\\s*[:.]?\\s*\\d{1,8}\\s*#?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Two digit groups with a list separator between them ({@code ，} and {@code ；} are folded). */
    private static final Pattern LIST = Pattern.compile("\\d\\s*[,;/、|]\\s*\\+?\\d");
    /** A trailing {@code -8001}, tried as an extension only when the whole is no valid number. */
    private static final Pattern DASH_EXTENSION = Pattern.compile("(.*\\d)\\s*-\\s*\\d{1,6}");
    private static final Pattern ALLOWED = Pattern.compile("[0-9+()\\-.\\s]+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");
    /** {@code 86} or {@code 0086} written without {@code +} before a Chinese mobile number. */
    private static final Pattern CN_MOBILE_WITH_86 = Pattern.compile("(?:00)?86(1[3-9]\\d{9})");
    /** Chinese mobile numbers: 11 digits, second digit 3-9. */
    private static final Pattern CN_MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final int CN_CALLING_CODE = 86;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166 region assumed for numbers without a country code, e.g. {@code CN}
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public PhoneNormalizer(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unsupported default phone region: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    /** The region assumed for numbers without a country code. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** Returns the E.164 form of {@code raw}, or why it cannot be one. Never throws for bad input. */
    public NormalizedValue normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return NormalizedValue.rejected(EMPTY);
        }
        String s = TextCleanup.fold(raw);
        // Excel's marker for "text cell", and the URI form some CRMs export.
        if (s.startsWith("'")) {
            s = s.substring(1).strip();
        }
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4).strip();
        }
        if (s.isEmpty()) {
            return NormalizedValue.rejected(EMPTY);
        }
        // Digits with the usual separators (most values) can hold no exponent, extension, letter or list, and pass
        // the character check: the patterns for those are only run on the rest.
        boolean plain = isPlain(s);
        if (!plain && SCIENTIFIC.matcher(s).matches()) {
            return NormalizedValue.rejected(EXCEL_SCIENTIFIC);
        }
        Matcher excel = EXCEL_DECIMAL.matcher(s);
        if (excel.matches()) {
            s = excel.group(1);
        }
        if (!plain) {
            s = EXTENSION.matcher(s).replaceFirst("");
            String refusal = refuseText(s);
            if (refusal != null) {
                return NormalizedValue.rejected(refusal);
            }
        }
        Matcher cn = CN_MOBILE_WITH_86.matcher(SEPARATORS.matcher(s).replaceAll(""));
        if (cn.matches()) {
            // Region independent: without this a non-CN default region would misread it.
            s = "+86" + cn.group(1);
        }
        return check(s, true);
    }

    /** Only digits, {@code +()-.} and spaces. */
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && "+()-. ".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String refuseText(String s) {
        if (s.isEmpty()) {
            return NOT_A_NUMBER;
        }
        if (s.codePoints().anyMatch(Character::isLetter)) {
            // libphonenumber would read 1-800-FLOWERS as digits; a lead's "phone" with words is
            // almost always a note ("n/a", "同上", "see email"), never a vanity number.
            return LETTERS;
        }
        if (LIST.matcher(s).find()) {
            return SEVERAL;
        }
        if (!ALLOWED.matcher(s).matches()) {
            return BAD_CHARACTERS;
        }
        return null;
    }

    private NormalizedValue check(String s, boolean tryDashExtension) {
        PhoneNumber number;
        try {
            number = util.parse(s, defaultRegion);
        } catch (NumberParseException e) {
            return NormalizedValue.rejected(reasonFor(e.getErrorType()));
        }
        if (util.isValidNumber(number) || isChineseMobile(number)) {
            return NormalizedValue.of(util.format(number, PhoneNumberFormat.E164));
        }
        Matcher dashed = DASH_EXTENSION.matcher(s);
        if (tryDashExtension && dashed.matches()) {
            // 010-62345678-8001 on business cards: the last group is an extension, but only if
            // what precedes it is a complete number on its own; otherwise report the whole.
            NormalizedValue withoutExtension = check(dashed.group(1), false);
            if (withoutExtension.ok()) {
                return withoutExtension;
            }
        }
        return NormalizedValue.rejected(switch (util.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> TOO_SHORT;
            case TOO_LONG -> TOO_LONG;
            case INVALID_COUNTRY_CODE -> BAD_COUNTRY_CODE;
            case INVALID_LENGTH -> BAD_LENGTH;
            default -> invalidFor(number);
        });
    }

    /**
     * libphonenumber's metadata learns of newly allocated Chinese mobile ranges months after
     * carriers start selling them; an 11-digit number with a mobile prefix is accepted so that
     * such customers are not silently left unlinked. Placeholders are the BlockList's job.
     */
    private static boolean isChineseMobile(PhoneNumber number) {
        return number.getCountryCode() == CN_CALLING_CODE
                && !number.hasItalianLeadingZero()
                && CN_MOBILE.matcher(Long.toString(number.getNationalNumber())).matches();
    }

    private String invalidFor(PhoneNumber number) {
        // "001" is libphonenumber's code for non-geographic numbering plans, "ZZ" for unknown.
        String region = util.getRegionCodeForCountryCode(number.getCountryCode());
        return "001".equals(region) || "ZZ".equals(region)
                ? "not a valid phone number" : "not a valid phone number for region " + region;
    }

    private static String reasonFor(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> BAD_COUNTRY_CODE;
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> TOO_SHORT;
            case TOO_LONG -> TOO_LONG;
            default -> NOT_A_NUMBER;
        };
    }
}

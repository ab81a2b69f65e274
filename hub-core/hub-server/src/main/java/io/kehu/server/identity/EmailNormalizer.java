package io.kehu.server.identity;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalizes e-mail addresses to one stable key per mailbox spelling.
 *
 * <p>Accepted input: plain addresses, {@code mailto:} links, {@code "张三" <Zhang.San@Example.com>}
 * and {@code a@b.com (Zhang San)} forms, full-width characters ({@code ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ}),
 * ideographic full stops ({@code 。}) in the domain. Dash-like characters become {@code -}: an en
 * dash in an address is an editor's autocorrect, never what the owner registered.
 *
 * <p>Output: the whole address lower-cased; the domain in ASCII (IDN labels as punycode via
 * {@link IDN#toASCII}, so {@code 例子.公司} and {@code xn--fsqu00a.xn--55qx5d} are the same key);
 * a non-ASCII local part is kept as Unicode (NFKC, lower-cased), because SMTPUTF8 mailboxes have no
 * ASCII spelling. Dots and {@code +tags} are kept: whether they matter differs per provider.
 * Thread-safe.
 */
public final class EmailNormalizer {

    static final String EMPTY = "empty value";
    static final String SPACES = "contains spaces";
    static final String ANGLE_BRACKETS = "unbalanced angle brackets around the address";
    static final String ONE_AT = "must contain exactly one @";
    static final String LOCAL_EMPTY = "local part (before @) is empty";
    static final String LOCAL_TOO_LONG = "local part (before @) is longer than 64 bytes";
    static final String LOCAL_CHARACTERS = "local part (before @) contains characters not allowed in an e-mail address";
    static final String DOMAIN_EMPTY = "domain is empty";
    static final String DOMAIN_LITERAL = "domain is an IP address literal";
    static final String DOMAIN_NO_DOT = "domain has no dot";
    static final String DOMAIN_INVALID = "domain is not a valid domain name";
    static final String DOMAIN_LABELS = "domain labels may hold only letters, digits and inner hyphens";
    static final String DOMAIN_TOO_LONG = "domain is longer than 253 characters";
    static final String ADDRESS_TOO_LONG = "address is longer than 254 characters";

    private static final Pattern MAILTO = Pattern.compile("(?i)^mailto:\\s*");
    /** {@code a@b.com (Zhang San)}: the old RFC 822 comment form some address books export. */
    private static final Pattern TRAILING_COMMENT = Pattern.compile("^([^()\\s]+@[^()\\s]+)\\s*\\(.*\\)$");
    /** RFC 5322 atext plus dot; non-ASCII letters, digits and marks are checked separately. */
    private static final Pattern ASCII_LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]");
    /** {@link #ASCII_LOCAL} as a table: matching a pattern per character was most of an address's cost. */
    private static final boolean[] ASCII_LOCAL_ALLOWED = new boolean[0x80];
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("\\d+");

    static {
        for (int c = 0; c < 0x80; c++) {
            ASCII_LOCAL_ALLOWED[c] = ASCII_LOCAL.matcher(Character.toString(c)).matches();
        }
    }

    /** Returns the normalized address, or why {@code raw} is not one. Never throws for bad input. */
    public NormalizedValue normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return NormalizedValue.rejected(EMPTY);
        }
        String s = TextCleanup.fold(raw);
        Matcher mailto = MAILTO.matcher(s);
        if (mailto.lookingAt()) {
            // Only in a link is '?' a query; in a bare address it is a legal local-part character.
            s = stripQuery(s.substring(mailto.end()));
        }
        String address = extractAddress(s);
        if (address == null) {
            return NormalizedValue.rejected(ANGLE_BRACKETS);
        }
        if (address.isEmpty()) {
            return NormalizedValue.rejected(EMPTY);
        }
        if (TextCleanup.containsSpace(address)) {
            return NormalizedValue.rejected(SPACES);
        }
        address = address.toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return NormalizedValue.rejected(ONE_AT);
        }
        String local = address.substring(0, at);
        String localProblem = checkLocal(local);
        if (localProblem != null) {
            return NormalizedValue.rejected(localProblem);
        }
        NormalizedValue domain = normalizeDomain(address.substring(at + 1));
        if (!domain.ok()) {
            return domain;
        }
        String result = local + "@" + domain.value();
        if (result.getBytes(StandardCharsets.UTF_8).length > 254) {
            return NormalizedValue.rejected(ADDRESS_TOO_LONG);
        }
        return NormalizedValue.of(result);
    }

    /** {@code mailto:a@b.com?subject=Hi}: the query is not part of the address. */
    private static String stripQuery(String s) {
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    /** The address inside {@code Name <address>} or before {@code (comment)}; null if brackets are broken. */
    private static String extractAddress(String s) {
        int open = s.lastIndexOf('<');
        int close = s.lastIndexOf('>');
        if (open >= 0 || close >= 0) {
            // The display name may itself hold '<' or '@' inside quotes; the address is the last <...>.
            if (open < 0 || close < open) {
                return null;
            }
            s = s.substring(open + 1, close);
        } else {
            Matcher comment = TRAILING_COMMENT.matcher(s);
            if (comment.matches()) {
                s = comment.group(1);
            }
        }
        return s.strip();
    }

    /**
     * Deliberately lenient about dots (leading, trailing, doubled): legacy Japanese carrier
     * mailboxes such as {@code abc..def.@docomo.ne.jp} exist, and a key needs stability, not
     * RFC conformance.
     */
    private static String checkLocal(String local) {
        if (local.isEmpty()) {
            return LOCAL_EMPTY;
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > 64) {
            return LOCAL_TOO_LONG;
        }
        boolean allowed = local.codePoints().allMatch(cp -> cp < 0x80
                ? ASCII_LOCAL_ALLOWED[cp]
                : Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                        || Character.getType(cp) == Character.COMBINING_SPACING_MARK);
        if (!allowed || local.chars().allMatch(c -> c == '.')) {
            return LOCAL_CHARACTERS;
        }
        return null;
    }

    /**
     * An ASCII domain of at most 253 characters whose labels all match {@link #LABEL} and are at most 63 long, the
     * last not numeric: nearly every domain. IDN.toASCII returns such a domain unchanged, and every check passes.
     */
    private static boolean isPlainAsciiDomain(String domain) {
        if (domain.length() > 253) {
            return false;
        }
        int start = 0;
        boolean numericLabel = true;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i < domain.length() ? domain.charAt(i) : '.';
            if (c == '.') {
                int length = i - start;
                if (length == 0 || length > 63 || domain.charAt(start) == '-' || domain.charAt(i - 1) == '-') {
                    return false;
                }
                if (i < domain.length()) {
                    numericLabel = true;
                }
                start = i + 1;
            } else if (c >= 'a' && c <= 'z' || c == '-') {
                numericLabel = false;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return !numericLabel;
    }

    private static NormalizedValue normalizeDomain(String rawDomain) {
        // 。 and ｡ are label separators in IDNA; NFKC already turned ． into '.'.
        String domain = rawDomain.replace('。', '.').replace('｡', '.');
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1); // fully-qualified form, same host
        }
        if (domain.isEmpty()) {
            return NormalizedValue.rejected(DOMAIN_EMPTY);
        }
        if (domain.startsWith("[")) {
            return NormalizedValue.rejected(DOMAIN_LITERAL);
        }
        if (domain.indexOf('.') < 0) {
            return NormalizedValue.rejected(DOMAIN_NO_DOT);
        }
        if (isPlainAsciiDomain(domain)) {
            return NormalizedValue.of(domain); // what IDN.toASCII and the checks below would make of it
        }
        String ascii;
        try {
            // No ALLOW_UNASSIGNED: a code point Unicode assigns later could map differently then,
            // and a key that changes would split one person into two profiles.
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return NormalizedValue.rejected(DOMAIN_INVALID);
        }
        if (ascii.length() > 253) {
            return NormalizedValue.rejected(DOMAIN_TOO_LONG);
        }
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !LABEL.matcher(label).matches()) {
                return NormalizedValue.rejected(DOMAIN_LABELS);
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            return NormalizedValue.rejected(DOMAIN_LITERAL); // 1.2.3.4: no top-level domain is numeric
        }
        return NormalizedValue.of(ascii);
    }
}

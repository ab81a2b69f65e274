package io.kehu.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One mailbox of an address header: the address as written and the decoded display name (null
 * when there is none). Parsed leniently: real mail carries unquoted commas in names, encoded-words
 * inside quotes, raw 8-bit names and stray {@code mailto:} prefixes, all of which
 * {@code InternetAddress.parseHeader} either refuses or garbles.
 */
record MailAddress(String address, String name) {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>()\",;:]+@[^@\\s<>()\",;:]+\\.[^@\\s<>()\",;:]+");

    /** The address lower-cased, for comparisons. */
    String normalized() {
        return address.toLowerCase(Locale.ROOT);
    }

    String domain() {
        return normalized().substring(normalized().lastIndexOf('@') + 1);
    }

    /** The part before the {@code @}, lower-cased. */
    String localPart() {
        return normalized().substring(0, normalized().lastIndexOf('@'));
    }

    /** Every usable mailbox of a raw header value (as Jakarta Mail returns it: folded, possibly encoded); junk entries are dropped. */
    static List<MailAddress> parseList(String rawHeader) {
        List<MailAddress> out = new ArrayList<>();
        if (rawHeader == null || rawHeader.isBlank()) {
            return out;
        }
        String header = MailHeaderDecoder.recover8bit(rawHeader.replaceAll("\\r?\\n(?=[ \\t])", ""));
        for (String entry : split(header)) {
            MailAddress a = parseOne(entry);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** Splits at commas and semicolons outside quotes, angle brackets and comments. */
    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int comment = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < header.length()) {
                    cur.append(c).append(header.charAt(++i));
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle++;
            } else if (c == '>' && angle > 0) {
                angle--;
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if ((c == ',' || c == ';') && angle == 0 && comment == 0) {
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        parts.add(cur.toString());
        return parts;
    }

    private static MailAddress parseOne(String entry) {
        String e = entry.strip();
        if (e.isEmpty()) {
            return null;
        }
        e = stripGroupName(e);
        String address;
        String name;
        int lt = e.lastIndexOf('<');
        int gt = lt < 0 ? -1 : e.indexOf('>', lt);
        if (lt >= 0 && gt > lt) {
            address = e.substring(lt + 1, gt);
            name = e.substring(0, lt);
            if (name.isBlank()) {
                name = comment(e.substring(gt + 1));
            }
        } else {
            var m = ADDRESS.matcher(e);
            if (!m.find()) {
                return null;
            }
            address = m.group();
            String rest = (e.substring(0, m.start()) + " " + e.substring(m.end())).strip();
            name = rest.startsWith("(") ? comment(rest) : rest;
        }
        address = cleanAddress(address);
        if (address == null) {
            return null;
        }
        return new MailAddress(address, cleanName(name, address));
    }

    /** {@code Sales team: a@b.com, c@d.com;} lists its members after the colon; the group name is not a person. */
    private static String stripGroupName(String e) {
        boolean quoted = false;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '<' || c == '@' || c == '(')) {
                return e;
            } else if (!quoted && c == ':') {
                return e.substring(i + 1).strip();
            }
        }
        return e;
    }

    private static String comment(String s) {
        String t = s.strip();
        if (t.startsWith("(") && t.endsWith(")")) {
            return t.substring(1, t.length() - 1);
        }
        return "";
    }

    private static String cleanAddress(String raw) {
        String a = raw.strip();
        if (a.regionMatches(true, 0, "mailto:", 0, 7)) {
            a = a.substring(7);
        }
        a = a.replace("\"", "").replace("'", "").strip();
        return ADDRESS.matcher(a).matches() ? a : null;
    }

    private static String cleanName(String raw, String address) {
        if (raw == null) {
            return null;
        }
        String n = raw.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        n = MailHeaderDecoder.decode(n);
        // Some mailers quote the decoded result once more: "'张三'" or "\"张三\"".
        while (n.length() >= 2 && (n.startsWith("\"") && n.endsWith("\"") || n.startsWith("'") && n.endsWith("'"))) {
            n = n.substring(1, n.length() - 1).strip();
        }
        if (n.isEmpty() || n.equalsIgnoreCase(address)) {
            return null;
        }
        return n;
    }
}

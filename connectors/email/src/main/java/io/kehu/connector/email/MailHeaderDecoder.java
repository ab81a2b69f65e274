package io.kehu.connector.email;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header text the way Chinese mail actually arrives, more leniently than
 * {@code MimeUtility.decodeText}:
 * <ul>
 *   <li>encoded-words ({@code =?GBK?B?…?=}) whose bytes are split between two words, as several
 *       mailers cut long subjects in the middle of a character, are joined before decoding;</li>
 *   <li>GB2312, GBK and their aliases are read as GB18030, a superset: mail labelled GB2312 often
 *       holds GBK characters that a strict GB2312 decoder turns into question marks;</li>
 *   <li>raw 8-bit headers (GBK or UTF-8 bytes with no encoding at all), which Jakarta Mail hands
 *       over as one ISO-8859-1 character per byte, are turned back into bytes and decoded;</li>
 *   <li>encoded-words inside quotes and unknown or missing charsets are tolerated.</li>
 * </ul>
 */
final class MailHeaderDecoder {

    static final Charset GB18030 = Charset.forName("GB18030");

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?]*)\\?=");
    private static final Pattern FOLD = Pattern.compile("\\r?\\n(?=[ \\t])");

    private MailHeaderDecoder() {
    }

    /** A header value as text: unfolded, raw 8-bit bytes recovered, encoded-words decoded, control characters blanked. */
    static String decode(String raw) {
        if (raw == null) {
            return null;
        }
        String s = FOLD.matcher(raw).replaceAll("");
        s = recover8bit(s);
        s = decodeEncodedWords(s);
        return blankControls(s).strip();
    }

    /**
     * Undoes Jakarta Mail's byte-per-character reading of headers that carry 8-bit bytes: valid
     * UTF-8 wins, else GB18030. Text that is plain ASCII, or already holds characters beyond
     * ISO-8859-1, is returned as it is.
     */
    static String recover8bit(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return s;
        }
        return detect(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Decodes bytes of unknown charset: UTF-8 when they are valid UTF-8, else GB18030 (which reads GBK and GB2312). */
    static String detect(byte[] bytes) {
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, GB18030);
    }

    /** Decodes bytes in a declared charset, falling back to detection when the declaration is missing, unknown or wrong. */
    static String decode(byte[] bytes, String declaredCharset) {
        Charset cs = charset(declaredCharset);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
            return detect(bytes);
        }
        String s = strict(bytes, cs);
        if (s != null) {
            return s;
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        return utf8 != null ? utf8 : new String(bytes, cs);
    }

    /**
     * The Java charset for a MIME charset name; the GB family maps to GB18030. Null when the name
     * is missing or unknown to this JVM.
     */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        int star = n.indexOf('*'); // RFC 2231 language suffix: utf-8*zh
        if (star > 0) {
            n = n.substring(0, star);
        }
        switch (n) {
            case "gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "euc-cn", "x-euc-cn", "csgb2312", "gb18030" -> {
                return GB18030;
            }
            case "utf8", "utf-8", "unicode-1-1-utf-8" -> {
                return StandardCharsets.UTF_8;
            }
            case "ascii", "us-ascii", "ansi_x3.4-1968" -> {
                return StandardCharsets.US_ASCII;
            }
            default -> {
                try {
                    return Charset.forName(n);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
    }

    /**
     * Decodes RFC 2047 encoded-words. White space between two encoded-words is dropped; the bytes
     * of adjacent words in the same charset are decoded together, so a character split between
     * them survives.
     */
    static String decodeEncodedWords(String s) {
        if (!s.contains("=?")) {
            return s;
        }
        Matcher m = ENCODED_WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        String pendingCharset = null;
        int last = 0;
        while (m.find()) {
            String between = s.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            if (!adjacent || !sameCharset(charset, pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quotedPrintable(m.group(3));
            if (bytes == null) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                out.append(m.group()); // not decodable: keep the word as it came
            } else {
                pending.writeBytes(bytes);
                pendingCharset = charset;
            }
            last = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(s.substring(last));
        return out.toString();
    }

    private static boolean sameCharset(String a, String b) {
        Charset ca = charset(a);
        Charset cb = charset(b);
        return ca != null ? ca.equals(cb) : a.equalsIgnoreCase(b);
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
        if (pending.size() > 0) {
            out.append(decode(pending.toByteArray(), charset));
            pending.reset();
        }
    }

    private static byte[] base64(String text) {
        try {
            String t = text.strip();
            // Some mailers drop the padding, others pad in the middle of a run: both are read.
            return Base64.getMimeDecoder().decode(t.replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c > 0xFF) {
                return null;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /** Decodes or returns null when the bytes are not valid in that charset. */
    static String strict(byte[] bytes, Charset cs) {
        try {
            CharBuffer chars = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String blankControls(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, ' ');
            }
        }
        return b == null ? s : b.toString();
    }
}

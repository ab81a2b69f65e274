package io.kehu.server.identity;

import java.text.Normalizer;

/** Shared clean-up of text typed into forms, spreadsheets and chats before it is parsed. */
final class TextCleanup {

    private TextCleanup() {
    }

    /**
     * Folds compatibility forms so that what looks the same compares the same: NFKC turns
     * full-width digits, letters and {@code ＋－（）＠．} into ASCII; every dash-like character
     * becomes {@code -}; invisible format characters (zero-width space, BOM, which Excel and
     * WeChat copy/paste leave behind) are dropped; every kind of space becomes a plain space.
     */
    static String fold(String raw) {
        if (isPrintableAscii(raw)) {
            // What imports mostly hold: NFKC leaves printable ASCII as it is, and in it the only dash is '-'
            // and the only space ' ', so folding is a strip. Skipping the code point walk halves normalization.
            return raw.strip();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.FORMAT) {
                return;
            }
            if (type == Character.DASH_PUNCTUATION) {
                out.append('-');
            } else if (Character.isSpaceChar(cp) || Character.isWhitespace(cp)) {
                out.append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString().strip();
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Whether the text holds a whitespace or space-separator character anywhere. */
    static boolean containsSpace(String s) {
        return s.codePoints().anyMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }
}

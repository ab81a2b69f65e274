package io.kehu.server.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Traditional Chinese written in simplified characters, one character at a time ({@code 陳靜 → 陈静},
 * {@code 臺灣貿易 → 台湾贸易}), so that a salesperson in Shanghai finds a Hong Kong or Taiwan customer typed in
 * traditional characters and the other way round. Character by character is enough for names and company names;
 * it is not a translation of running text. The table is a resource generated from OpenCC's.
 */
public final class ChineseScript {

    private static final int FIRST = 0x3400;
    private static final int LAST = 0x9FFF;
    private static final char[] SIMPLIFIED = load();

    private ChineseScript() {
    }

    /** {@code text} with every traditional character simplified; the same string when it has none. */
    public static String simplified(String text) {
        if (text == null) {
            return null;
        }
        char[] out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char s = c >= FIRST && c <= LAST ? SIMPLIFIED[c - FIRST] : 0;
            if (s != 0) {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = s;
            }
        }
        return out == null ? text : new String(out);
    }

    private static char[] load() {
        char[] table = new char[LAST - FIRST + 1];
        try (InputStream in = ChineseScript.class.getResourceAsStream("traditional-simplified.txt")) {
            if (in == null) {
                throw new IllegalStateException("traditional-simplified.txt is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                for (int i = 0; i + 1 < line.length(); i += 2) {
                    char traditional = line.charAt(i);
                    if (traditional >= FIRST && traditional <= LAST) {
                        table[traditional - FIRST] = line.charAt(i + 1);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the traditional-simplified table", e);
        }
        return table;
    }
}

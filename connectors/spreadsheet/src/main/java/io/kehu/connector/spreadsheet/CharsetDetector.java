package io.kehu.connector.spreadsheet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Finds the character set of a CSV file while its bytes stream past once (the same pass that
 * computes its checksum). A byte order mark decides; otherwise the file is UTF-8 when every byte
 * of it is valid UTF-8, and GB18030 when not: Chinese spreadsheets saved by Excel or WPS without
 * a BOM are GBK, and GB18030 decodes every GBK file the same way. Validating the whole file, not a
 * sample, matters: an export whose first rows are ASCII is otherwise taken for UTF-8.
 */
final class CharsetDetector {

    static final Charset GB18030 = Charset.forName("GB18030");

    /** The decision: the character set and how many leading bytes are its byte order mark. */
    record Detected(Charset charset, int bomLength) {
    }

    private final byte[] head = new byte[4];
    private int headLength;
    private boolean validUtf8 = true;
    // Continuation bytes still expected by the current UTF-8 sequence, and bounds for the next one.
    private int pending;
    private int nextMin = 0x80;
    private int nextMax = 0xBF;

    void feed(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length && headLength < head.length; i++) {
            head[headLength++] = bytes[offset + i];
        }
        if (!validUtf8) {
            return;
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (pending > 0) {
                if (b < nextMin || b > nextMax) {
                    validUtf8 = false;
                    return;
                }
                pending--;
                nextMin = 0x80;
                nextMax = 0xBF;
            } else if (b >= 0x80) {
                if (!lead(b)) {
                    validUtf8 = false;
                    return;
                }
            }
        }
    }

    /** Reads a lead byte: sets how many continuation bytes follow and the range of the first (no overlongs, no surrogates). */
    private boolean lead(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            nextMin = b == 0xE0 ? 0xA0 : 0x80;
            nextMax = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            nextMin = b == 0xF0 ? 0x90 : 0x80;
            nextMax = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }

    /**
     * The character set of everything fed so far.
     *
     * @param configured the instance's configured set, or null for automatic; a byte order mark wins over it
     */
    Detected result(Charset configured) {
        if (startsWith(0xEF, 0xBB, 0xBF)) {
            return new Detected(StandardCharsets.UTF_8, 3);
        }
        if (startsWith(0xFF, 0xFE)) {
            return new Detected(StandardCharsets.UTF_16LE, 2);
        }
        if (startsWith(0xFE, 0xFF)) {
            return new Detected(StandardCharsets.UTF_16BE, 2);
        }
        if (configured != null) {
            return new Detected(configured, 0);
        }
        return new Detected(validUtf8 && pending == 0 ? StandardCharsets.UTF_8 : GB18030, 0);
    }

    private boolean startsWith(int... bom) {
        if (headLength < bom.length) {
            return false;
        }
        for (int i = 0; i < bom.length; i++) {
            if ((head[i] & 0xFF) != bom[i]) {
                return false;
            }
        }
        return true;
    }
}

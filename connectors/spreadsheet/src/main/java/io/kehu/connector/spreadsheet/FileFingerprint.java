package io.kehu.connector.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What one streaming pass over a file learns: its SHA-256 (which keys the import, whatever the
 * file is called), its size, its first bytes (to tell a ZIP or an old OLE2 workbook from text)
 * and, for text, its character set.
 */
record FileFingerprint(String sha256, long size, byte[] head, CharsetDetector.Detected charset) {

    private static final int HEAD = 8;

    static FileFingerprint of(Path file, Charset configuredCharset) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        CharsetDetector detector = new CharsetDetector();
        byte[] head = new byte[HEAD];
        int headLength = 0;
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                detector.feed(buffer, 0, n);
                for (int i = 0; i < n && headLength < HEAD; i++) {
                    head[headLength++] = buffer[i];
                }
                size += n;
            }
        }
        return new FileFingerprint(HexFormat.of().formatHex(digest.digest()), size,
                Arrays.copyOf(head, headLength), detector.result(configuredCharset));
    }

    /** A ZIP container, as every XLSX is. */
    boolean looksLikeZip() {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** An OLE2 compound document: an old binary .xls (or .doc), whatever its name says. */
    boolean looksLikeOle2() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        return head.length == HEAD && Arrays.equals(head, ole2);
    }
}

package io.kehu.connector.webform;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small {@code multipart/form-data} reader (RFC 7578) over the raw body bytes the hub hands
 * over. It walks the bytes once, never turns the body into one string (file contents stay bytes and
 * are only measured), and refuses a body that is cut off or has no boundary. Line ends are CRLF as
 * the RFC says; bare LF is tolerated because some senders and test fixtures use it.
 */
final class MultipartParser {

    /** One part: a field (text bytes) or a file (name, type and size only). */
    record Part(String name, String filename, String contentType, byte[] content, long size) {

        boolean isFile() {
            return filename != null;
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};
    private static final byte[] LF_LF = {'\n', '\n'};

    private MultipartParser() {
    }

    /** The boundary parameter of a multipart Content-Type, or null. */
    static String boundary(String contentType) {
        String b = FormBodyParser.parameter(contentType, "boundary");
        return b == null || b.isEmpty() || b.length() > 200 ? null : b;
    }

    /**
     * @param headerCharset how part headers (field and file names) are decoded: UTF-8 unless the
     *                      request says otherwise, as browsers send them
     */
    static List<Part> parse(byte[] body, String boundary, Charset headerCharset) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = delimiter(body, delimiter, 0);
        if (pos < 0) {
            throw new BadBodyException("The multipart body does not contain its boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = pos + delimiter.length;
            if (startsWith(body, after, "--")) {
                return parts;
            }
            int headerStart = skipLineEnd(body, after);
            if (headerStart < 0) {
                throw new BadBodyException("The multipart body is cut off after a boundary");
            }
            int headerEnd;
            int contentStart;
            if (skipLineEnd(body, headerStart) == headerStart + 1 || skipLineEnd(body, headerStart) == headerStart + 2) {
                // A part without headers: its content starts right after the blank line.
                headerEnd = headerStart;
                contentStart = skipLineEnd(body, headerStart);
            } else {
                int crlf = indexOf(body, CRLF_CRLF, headerStart);
                int lf = indexOf(body, LF_LF, headerStart);
                if (crlf < 0 && lf < 0) {
                    throw new BadBodyException("A part of the multipart body has no end of headers");
                }
                boolean useLf = lf >= 0 && (crlf < 0 || lf < crlf);
                headerEnd = useLf ? lf : crlf;
                contentStart = useLf ? lf + 2 : crlf + 4;
            }
            int next = delimiter(body, delimiter, contentStart);
            if (next < 0) {
                throw new BadBodyException("The multipart body is cut off: no closing boundary");
            }
            // The line end before a delimiter belongs to the delimiter, not to the content.
            int contentEnd = next - (next >= 2 && body[next - 2] == '\r' ? 2 : 1);
            parts.add(part(new String(body, headerStart, headerEnd - headerStart, headerCharset), body, contentStart,
                    Math.max(contentStart, contentEnd)));
            pos = next;
        }
    }

    /** The next delimiter at the start of a line (or of the body), or -1. */
    private static int delimiter(byte[] body, byte[] delimiter, int from) {
        int i = indexOf(body, delimiter, from);
        while (i > 0 && body[i - 1] != '\n') {
            i = indexOf(body, delimiter, i + 1);
        }
        return i;
    }

    private static Part part(String headers, byte[] body, int start, int end) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = FormBodyParser.parameter(value, "name");
                filename = FormBodyParser.parameter(value, "filename");
                String extended = FormBodyParser.parameter(value, "filename*");
                if (extended != null && extended.toLowerCase(Locale.ROOT).startsWith("utf-8''")) {
                    filename = java.net.URLDecoder.decode(extended.substring(7).replace("+", "%2B"), StandardCharsets.UTF_8);
                }
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new BadBodyException("A part of the multipart body has no field name");
        }
        int size = end - start;
        if (filename != null) {
            // Files: their name, type and size are kept; the content is never copied or stored.
            return new Part(name, filename, type, null, size);
        }
        byte[] content = new byte[size];
        System.arraycopy(body, start, content, 0, size);
        return new Part(name, null, type, content, size);
    }

    /** The position after a CRLF or LF at {@code from} (transport padding before it allowed), or -1. */
    private static int skipLineEnd(byte[] b, int from) {
        int i = from;
        while (i < b.length && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') {
            return i + 2;
        }
        return i < b.length && b[i] == '\n' ? i + 1 : -1;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

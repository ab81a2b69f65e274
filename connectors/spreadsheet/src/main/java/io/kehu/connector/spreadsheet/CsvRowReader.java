package io.kehu.connector.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads CSV records one at a time (RFC 4180 quoting, any one-character delimiter) and recovers
 * from bad quoting. A quoted field may span lines; when its closing quote does not come within
 * {@link #MAX_RECORD_LINES} lines, or the lines it swallowed do not form a valid record, only the
 * record where it opened is reported as unreadable and reading goes on with the next line. A
 * general-purpose parser would instead read the rest of the file into that one field.
 *
 * <p>Records are numbered as a spreadsheet shows them: one per record, blank lines included, a
 * quoted line break not starting a new one.
 */
final class CsvRowReader implements RowReader {

    static final int MAX_RECORD_LINES = 100;
    static final int MAX_LINE_CHARS = 1_000_000;

    private final Reader in;
    private final char delimiter;
    private final char[] buffer = new char[16 * 1024];
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean lineTooLong;
    private final StringBuilder line = new StringBuilder();
    private final Deque<PendingLine> pushedBack = new ArrayDeque<>();
    private long record;

    CsvRowReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** Opens a file, skipping its byte order mark; undecodable bytes become U+FFFD rather than failing the file. */
    static CsvRowReader open(Path file, CharsetDetector.Detected charset, char delimiter) throws IOException {
        InputStream stream = Files.newInputStream(file);
        try {
            stream.skipNBytes(charset.bomLength());
            var decoder = charset.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new CsvRowReader(new InputStreamReader(stream, decoder), delimiter);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /**
     * Picks the delimiter of a file from its header line: the most frequent of {@code , ; tab |}
     * outside quotes, a comma when none occurs.
     */
    static char sniffDelimiter(Path file, CharsetDetector.Detected charset, int headerRow) throws IOException {
        try (CsvRowReader r = open(file, charset, ',')) {
            String header = null;
            for (int n = 1; n <= headerRow + MAX_RECORD_LINES; n++) {
                String l = r.readLine();
                if (l == null) {
                    break;
                }
                if (n >= headerRow && !l.isBlank()) {
                    header = l;
                    break;
                }
            }
            return header == null ? ',' : mostFrequentDelimiter(header);
        }
    }

    static char mostFrequentDelimiter(String header) {
        char[] candidates = {',', ';', '\t', '|'};
        int[] counts = new int[candidates.length];
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < candidates.length; k++) {
                    if (c == candidates[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = 0;
        for (int k = 1; k < candidates.length; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return candidates[best];
    }

    @Override
    public SheetRow next() throws IOException {
        String first = nextLine();
        if (first == null) {
            return null;
        }
        long number = ++record;
        if (lineTooLong) {
            return SheetRow.unreadable(number, "the line is longer than " + MAX_LINE_CHARS + " characters");
        }
        try {
            List<String> fields = split(first, delimiter);
            if (fields != null) {
                return new SheetRow(number, fields, null);
            }
        } catch (MalformedRecordException e) {
            return SheetRow.unreadable(number, e.getMessage());
        }
        return continueQuotedField(number, first);
    }

    /** A quoted field is open at the end of the line: it may legitimately hold line breaks. */
    private SheetRow continueQuotedField(long number, String first) throws IOException {
        List<PendingLine> taken = new ArrayList<>();
        StringBuilder joined = new StringBuilder(first);
        while (taken.size() < MAX_RECORD_LINES) {
            String next = nextLine();
            if (next == null) {
                break;
            }
            taken.add(new PendingLine(next, lineTooLong));
            if (lineTooLong) {
                break;
            }
            joined.append('\n').append(next);
            if (joined.length() > MAX_LINE_CHARS) {
                break;
            }
            // Only a quote can close the open field; without one the record stays open.
            if (next.indexOf('"') >= 0) {
                try {
                    List<String> fields = split(joined, delimiter);
                    if (fields != null) {
                        return new SheetRow(number, fields, null);
                    }
                } catch (MalformedRecordException e) {
                    break;
                }
            }
        }
        for (int i = taken.size() - 1; i >= 0; i--) {
            pushedBack.addFirst(taken.get(i));
        }
        return SheetRow.unreadable(number, "a quoted field is not closed (check the quotes in this row)");
    }

    /**
     * Splits one record. Returns null when a quoted field is still open at the end of the text.
     *
     * @throws MalformedRecordException when text follows a closing quote
     */
    static List<String> split(CharSequence s, char delimiter) throws MalformedRecordException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int n = s.length();
        int i = 0;
        while (true) {
            int start = i;
            while (i < n && s.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < n && s.charAt(i) == '"') {
                field.setLength(0);
                i++;
                while (true) {
                    if (i >= n) {
                        return null;
                    }
                    char c = s.charAt(i++);
                    if (c != '"') {
                        field.append(c);
                    } else if (i < n && s.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && s.charAt(i) != delimiter && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                fields.add(field.toString());
                if (i >= n) {
                    return fields;
                }
                if (s.charAt(i) != delimiter) {
                    throw new MalformedRecordException("text follows the closing quote of column " + fields.size());
                }
                i++;
            } else {
                int end = indexOf(s, delimiter, start);
                fields.add(s.subSequence(start, end < 0 ? n : end).toString());
                if (end < 0) {
                    return fields;
                }
                i = end + 1;
            }
            if (i >= n) {
                fields.add("");
                return fields;
            }
        }
    }

    private static int indexOf(CharSequence s, char c, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private String nextLine() throws IOException {
        if (!pushedBack.isEmpty()) {
            PendingLine l = pushedBack.removeFirst();
            lineTooLong = l.tooLong();
            return l.text();
        }
        return readLine();
    }

    /** One physical line without its terminator ({@code \n}, {@code \r\n} or {@code \r}); null at the end. */
    private String readLine() throws IOException {
        line.setLength(0);
        lineTooLong = false;
        boolean any = false;
        while (true) {
            if (position >= limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? line.toString() : null;
                }
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n') {
                return line.toString();
            }
            if (c == '\r') {
                skipLineFeed = true;
                return line.toString();
            }
            if (line.length() < MAX_LINE_CHARS) {
                line.append(c);
            } else {
                lineTooLong = true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** A line read ahead while looking for a closing quote, given back when none came. */
    private record PendingLine(String text, boolean tooLong) {
    }

    /** A record whose quoting cannot be read; the message names the column, never the content. */
    static final class MalformedRecordException extends Exception {

        MalformedRecordException(String message) {
            super(message, null, false, false);
        }
    }
}

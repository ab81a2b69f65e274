package io.kehu.connector.email;

import io.kehu.api.HubException;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of one mail (RFC 822) into a {@link ParsedMail}. Parsing always starts from
 * the bytes, whether they were just fetched or come back from the dead-letter store, so a replay
 * sees exactly what the first attempt saw.
 *
 * <p>Lenient where real mail is sloppy (header charsets, names, dates, attachment names), strict
 * where the message cannot be understood: a multipart whose boundary never appears, or a text body
 * in an unknown transfer encoding, throws {@link MalformedMailException}. Attachments are only
 * measured: their content is streamed past, never kept.
 */
final class EmailMessageParser {

    /** Bodies longer than this are cut: the summary needs the start, and memory stays flat. */
    static final int MAX_TEXT_BYTES = 1 << 20;
    private static final int MAX_DEPTH = 20;
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    private static final Pattern RAW_FILENAME = Pattern.compile("(?i)(?:file)?name\\*?=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    private final Session session;

    EmailMessageParser() {
        Properties p = new Properties();
        // Header bytes reach us one ISO-8859-1 character per byte; MailHeaderDecoder recovers GBK and UTF-8 from them.
        p.setProperty("mail.mime.allowutf8", "false");
        p.setProperty("mail.mime.address.strict", "false");
        this.session = Session.getInstance(p);
    }

    /** Thrown for a mail that cannot be understood; it goes to the dead-letter store whole. */
    static final class MalformedMailException extends HubException {
        MalformedMailException(String message, Throwable cause) {
            super(Kind.INVALID_INPUT, message, cause);
        }
    }

    /**
     * @param raw        the mail as the server stores it
     * @param receivedAt the server's received (internal) date, the fallback for a missing Date header; may be null
     */
    ParsedMail parse(byte[] raw, Instant receivedAt) {
        return parse(raw, receivedAt, true);
    }

    /**
     * The headers only (text empty, no attachments): enough to recognise automated mail, whose
     * bodies are often the sloppiest, before the body is looked at.
     */
    ParsedMail parseHeaders(byte[] raw, Instant receivedAt) {
        return parse(raw, receivedAt, false);
    }

    private ParsedMail parse(byte[] raw, Instant receivedAt, boolean withBody) {
        MimeMessage m;
        Map<String, String> headers = new HashMap<>();
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(raw));
            for (Enumeration<jakarta.mail.Header> e = m.getAllHeaders(); e.hasMoreElements(); ) {
                jakarta.mail.Header h = e.nextElement();
                headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
            }
        } catch (MessagingException e) {
            throw new MalformedMailException("The mail's header cannot be read: " + e.getMessage(), e);
        }
        List<MailAddress> from = MailAddress.parseList(headers.get("from"));
        if (from.isEmpty()) {
            from = MailAddress.parseList(headers.get("sender"));
        }
        if (from.isEmpty()) {
            throw new MalformedMailException("The mail has no usable sender address (From)", null);
        }
        Body body = new Body();
        try {
            if (withBody) {
                walk(m, body, 0, false);
            }
        } catch (MessagingException | IOException e) {
            throw new MalformedMailException("The mail's body cannot be read: " + e.getMessage(), e);
        }
        return new ParsedMail(
                firstId(headers.get("message-id")),
                from.get(0),
                MailAddress.parseList(headers.get("to")),
                MailAddress.parseList(headers.get("cc")),
                MailAddress.parseList(headers.get("bcc")),
                headers.containsKey("subject") ? MailHeaderDecoder.decode(headers.get("subject")) : "",
                date(headers, receivedAt),
                firstId(headers.get("in-reply-to")),
                ids(headers.get("references")),
                body.text(),
                body.attachments,
                headers);
    }

    private static final class Body {
        String plain;
        String html;
        final List<ParsedMail.Attachment> attachments = new ArrayList<>();

        String text() {
            if (plain != null && !plain.isBlank()) {
                return plain;
            }
            return html != null ? HtmlText.toText(html) : (plain != null ? plain : "");
        }
    }

    private void walk(Part part, Body body, int depth, boolean inRelated) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw new MessagingException("MIME parts are nested more than " + MAX_DEPTH + " levels deep");
        }
        String type = baseType(part);
        String fileName = fileName(part);
        boolean attachment = "attachment".equalsIgnoreCase(disposition(part));
        if (type.startsWith("multipart/")) {
            MimeMultipart mp = new MimeMultipart(new MimePartDataSource((MimePart) part));
            int count = mp.getCount(); // parses the parts: a boundary that never appears throws here
            if (type.equals("multipart/alternative")) {
                walkAlternative(mp, body, depth, inRelated);
                return;
            }
            for (int i = 0; i < count; i++) {
                walk(mp.getBodyPart(i), body, depth + 1, type.equals("multipart/related"));
            }
            return;
        }
        boolean text = type.equals("text/plain") || type.equals("text/html");
        if (text && !attachment && fileName == null) {
            String content = readText(part);
            if (type.equals("text/plain")) {
                body.plain = body.plain == null ? content : body.plain + "\n" + content;
            } else if (body.html == null) {
                body.html = content;
            }
            return;
        }
        if (inRelated && !attachment && part instanceof MimePart mime && mime.getContentID() != null) {
            return; // an image the HTML shows inline (a logo in a signature), not something sent along
        }
        String name = fileName != null ? fileName : unnamed(type);
        body.attachments.add(new ParsedMail.Attachment(name, measure(part), type));
    }

    /**
     * Reads both the plain and the HTML version (the plain one wins unless it is blank); a nested
     * multipart, typically HTML with its inline images, only when no HTML stood directly beside.
     */
    private void walkAlternative(MimeMultipart mp, Body body, int depth, boolean inRelated) throws MessagingException, IOException {
        boolean html = false;
        Part nested = null;
        for (int i = 0; i < mp.getCount(); i++) {
            Part p = mp.getBodyPart(i);
            String t = baseType(p);
            if (t.equals("text/plain") || t.equals("text/html")) {
                html |= t.equals("text/html");
                walk(p, body, depth + 1, inRelated);
            } else if (t.startsWith("multipart/") && nested == null) {
                nested = p;
            }
        }
        if (!html && nested != null) {
            walk(nested, body, depth + 1, inRelated);
        }
    }

    private static String readText(Part part) throws MessagingException, IOException {
        byte[] bytes;
        try (InputStream in = new MimePartDataSource((MimePart) part).getInputStream()) {
            bytes = in.readNBytes(MAX_TEXT_BYTES);
        }
        return MailHeaderDecoder.decode(bytes, charset(part)).replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Decoded size, counted while streaming past the content; the encoded size when the encoding is unknown. */
    private static long measure(Part part) throws MessagingException {
        try (InputStream in = new MimePartDataSource((MimePart) part).getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // An attachment's content is never used, so a broken encoding there does not make the mail unreadable.
            return Math.max(0, part.getSize());
        }
    }

    private static String unnamed(String type) {
        if (type.equals("message/rfc822")) {
            return "message.eml";
        }
        return "(unnamed " + type + ")";
    }

    static String baseType(Part part) {
        try {
            String ct = part.getContentType();
            if (ct == null) {
                return "text/plain";
            }
            return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | RuntimeException e) {
            return "text/plain"; // RFC 2045: an unreadable Content-Type means plain text
        }
    }

    private static String charset(Part part) {
        try {
            String ct = part.getContentType();
            return ct == null ? null : new ContentType(ct).getParameter("charset");
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    /** The decoded file name from Content-Disposition or Content-Type, also when those headers are malformed. */
    static String fileName(Part part) throws MessagingException {
        String name;
        try {
            name = part.getFileName();
        } catch (MessagingException | RuntimeException e) {
            name = null;
            for (String h : new String[] {"Content-Disposition", "Content-Type"}) {
                String[] values = part.getHeader(h);
                Matcher m = values == null ? null : RAW_FILENAME.matcher(values[0]);
                if (m != null && m.find()) {
                    name = m.group(2) != null ? m.group(2) : m.group(1);
                    break;
                }
            }
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        String decoded = MailHeaderDecoder.decode(name);
        int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
        return slash >= 0 && slash < decoded.length() - 1 ? decoded.substring(slash + 1) : decoded;
    }

    private static Instant date(Map<String, String> headers, Instant receivedAt) {
        Instant d = parseDate(headers.get("date"));
        if (d != null) {
            return d;
        }
        if (receivedAt != null) {
            return receivedAt;
        }
        String received = headers.get("received");
        if (received != null && received.lastIndexOf(';') >= 0) {
            return parseDate(received.substring(received.lastIndexOf(';') + 1));
        }
        return null;
    }

    private static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Date d = new MailDateFormat().parse(value.replaceAll("\\s+", " ").strip(), new ParsePosition(0));
        return d == null ? null : d.toInstant();
    }

    private static String firstId(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = MESSAGE_ID.matcher(header);
        if (m.find()) {
            return m.group();
        }
        String t = header.strip();
        return t.isEmpty() || t.contains(" ") ? null : "<" + t + ">";
    }

    private static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            while (m.find()) {
                if (!out.contains(m.group())) {
                    out.add(m.group());
                }
            }
        }
        return out;
    }
}

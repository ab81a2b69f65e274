package io.kehu.connector.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds raw RFC 822 bytes for tests, including headers in raw 8-bit charsets as sloppy mailers write them. */
final class RawMail {

    static final Charset GBK = Charset.forName("GBK");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static RawMail mail() {
        return new RawMail();
    }

    /** A header line in ASCII (or UTF-8 for raw 8-bit UTF-8 headers). */
    RawMail header(String name, String value) {
        return raw(name + ": " + value + "\r\n", StandardCharsets.UTF_8);
    }

    /** A header line whose value is written in the given charset, unencoded. */
    RawMail header(String name, String value, Charset charset) {
        raw(name + ": ", StandardCharsets.US_ASCII);
        return raw(value + "\r\n", charset);
    }

    /** Ends the header block and writes the body lines (CRLF line ends). */
    RawMail body(String body) {
        raw("\r\n", StandardCharsets.US_ASCII);
        return raw(body.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    RawMail body(String body, Charset charset) {
        raw("\r\n", StandardCharsets.US_ASCII);
        return raw(body.replace("\r\n", "\n").replace("\n", "\r\n"), charset);
    }

    RawMail raw(String text, Charset charset) {
        out.writeBytes(text.getBytes(charset));
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** {@code =?charset?B?…?=} of the text. */
    static String b(String text, Charset charset) {
        return "=?" + charset.name() + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(charset)) + "?=";
    }

    static String b(String charsetLabel, byte[] bytes) {
        return "=?" + charsetLabel + "?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }

    static String base64Lines(byte[] bytes) {
        return Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes);
    }
}

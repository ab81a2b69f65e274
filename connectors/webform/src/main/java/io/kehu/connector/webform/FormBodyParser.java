package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a body by its Content-Type into JSON: JSON as it is; urlencoded and multipart form fields
 * as an object of field name to text (an array when a name repeats; a file as {@code {"filename",
 * "contentType","size"}}). Text is decoded in the charset the request names (GBK and GB2312 read
 * as GB18030, their superset), or a {@code _charset_} field (what HTML forms send), else UTF-8.
 */
final class FormBodyParser {

    static final String JSON = "application/json";
    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";

    private FormBodyParser() {
    }

    /** @throws BadBodyException when the body cannot be read as what its Content-Type says */
    static JsonNode parse(String contentType, byte[] body) {
        if (body.length == 0) {
            throw new BadBodyException("The body is empty");
        }
        String media = mediaType(contentType);
        Charset declared = charset(contentType);
        if (media == null || media.equals("text/plain")) {
            // No (or a vague) type: JSON when it looks like JSON, else form fields.
            media = looksLikeJson(body) ? JSON : media == null ? URLENCODED : media;
        }
        if (media.equals(JSON) || media.equals("text/json") || media.endsWith("+json")) {
            String text = new String(body, declared != null ? declared : StandardCharsets.UTF_8);
            return FormJson.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, "The body");
        }
        if (media.equals(URLENCODED)) {
            return urlencoded(body, declared);
        }
        if (media.equals(MULTIPART)) {
            String boundary = MultipartParser.boundary(contentType);
            if (boundary == null) {
                throw new BadBodyException("The multipart Content-Type names no boundary");
            }
            return multipart(MultipartParser.parse(body, boundary, declared != null ? declared : StandardCharsets.UTF_8), declared);
        }
        throw new BadBodyException(415, "Unsupported Content-Type '" + media + "': send application/json, "
                + URLENCODED + " or " + MULTIPART);
    }

    private static JsonNode urlencoded(byte[] body, Charset declared) {
        List<byte[][]> pairs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = start;
                    while (eq < i && body[eq] != '=') {
                        eq++;
                    }
                    pairs.add(new byte[][] {percentDecode(body, start, eq), eq < i ? percentDecode(body, eq + 1, i) : new byte[0]});
                }
                start = i + 1;
            }
        }
        Charset cs = declared;
        if (cs == null) {
            for (byte[][] p : pairs) {
                if (new String(p[0], StandardCharsets.ISO_8859_1).equals("_charset_")) {
                    cs = lookup(new String(p[1], StandardCharsets.ISO_8859_1));
                }
            }
        }
        Charset charset = cs != null ? cs : StandardCharsets.UTF_8;
        Map<String, List<JsonNode>> fields = new LinkedHashMap<>();
        for (byte[][] p : pairs) {
            fields.computeIfAbsent(new String(p[0], charset), k -> new ArrayList<>())
                    .add(FormJson.MAPPER.getNodeFactory().textNode(new String(p[1], charset)));
        }
        return object(fields);
    }

    /** {@code +} is a space and {@code %XX} a byte; a {@code %} not followed by two hex digits stays as it is. */
    private static byte[] percentDecode(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < to && hex(b, i + 1) >= 0 && hex(b, i + 2) >= 0) {
                out.write(hex(b, i + 1) * 16 + hex(b, i + 2));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte[] b, int i) {
        if (i >= b.length) {
            return -1;
        }
        return Character.digit((char) b[i], 16);
    }

    private static JsonNode multipart(List<MultipartParser.Part> parts, Charset declared) {
        Charset cs = declared;
        for (MultipartParser.Part p : parts) {
            if (!p.isFile() && p.name().equals("_charset_")) {
                cs = lookup(new String(p.content(), StandardCharsets.ISO_8859_1).strip());
            }
        }
        Map<String, List<JsonNode>> fields = new LinkedHashMap<>();
        for (MultipartParser.Part p : parts) {
            JsonNode value;
            if (p.isFile()) {
                ObjectNode file = FormJson.object();
                file.put("filename", p.filename());
                file.put("contentType", p.contentType());
                file.put("size", p.size());
                value = file;
            } else {
                Charset partCs = charset(p.contentType());
                Charset use = partCs != null ? partCs : cs != null ? cs : StandardCharsets.UTF_8;
                value = FormJson.MAPPER.getNodeFactory().textNode(new String(p.content(), use));
            }
            fields.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(value);
        }
        return object(fields);
    }

    private static ObjectNode object(Map<String, List<JsonNode>> fields) {
        ObjectNode root = FormJson.object();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                root.set(name, values.get(0));
            } else {
                ArrayNode a = root.putArray(name);
                values.forEach(a::add);
            }
        });
        return root;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return false;
            }
        }
        return false;
    }

    /** The media type of a Content-Type, lower case without parameters, or null. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** The charset a Content-Type names, or null when it names none or an unknown one. */
    static Charset charset(String contentType) {
        String name = parameter(contentType, "charset");
        return name == null ? null : lookup(name);
    }

    private static Charset lookup(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.equals("GBK") || n.equals("GB2312") || n.equals("CP936") || n.equals("X-GBK")) {
            // GB18030 decodes every GBK and GB2312 byte sequence the same way, and more characters.
            return Charset.forName("GB18030");
        }
        try {
            return Charset.forName(n);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** A parameter of a header value like {@code form-data; name="a"; filename="b.pdf"}, unquoted, or null. */
    static String parameter(String headerValue, String name) {
        if (headerValue == null) {
            return null;
        }
        int i = 0;
        String lower = headerValue.toLowerCase(Locale.ROOT);
        String key = name.toLowerCase(Locale.ROOT) + "=";
        while ((i = lower.indexOf(key, i)) >= 0) {
            boolean atStart = i == 0 || lower.charAt(i - 1) == ';' || Character.isWhitespace(lower.charAt(i - 1));
            int v = i + key.length();
            if (!atStart) {
                i = v;
                continue;
            }
            if (v < headerValue.length() && headerValue.charAt(v) == '"') {
                StringBuilder b = new StringBuilder();
                for (int j = v + 1; j < headerValue.length(); j++) {
                    char c = headerValue.charAt(j);
                    if (c == '\\' && j + 1 < headerValue.length()) {
                        b.append(headerValue.charAt(++j));
                    } else if (c == '"') {
                        return b.toString();
                    } else {
                        b.append(c);
                    }
                }
                return b.toString();
            }
            int end = headerValue.indexOf(';', v);
            return (end < 0 ? headerValue.substring(v) : headerValue.substring(v, end)).strip();
        }
        return null;
    }
}

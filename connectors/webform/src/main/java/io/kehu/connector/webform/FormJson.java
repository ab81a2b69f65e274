package io.kehu.connector.webform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON in this plugin: one shared (shaded) Jackson mapper, and how the values of form widgets,
 * which are often small objects, become text.
 */
final class FormJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            // Parse errors must not quote the body: it holds personal data and ends up in HTTP answers.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final List<String> NAME_PARTS = List.of("prefix", "first", "middle", "last", "suffix");
    private static final List<String> REGION_PARTS = List.of("country", "province", "state", "city", "district");
    private static final List<String> ADDRESS_PARTS =
            List.of("country", "province", "state", "city", "district", "street", "detail", "addr_line1", "addr_line2", "postal");

    private FormJson() {
    }

    /** Parses JSON text; the exception names the line and column only, never the content. */
    static JsonNode parse(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new BadBodyException(what + " is empty");
            }
            return node;
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            throw new BadBodyException(what + " is not valid JSON: syntax error at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr());
        } catch (JsonProcessingException e) {
            throw new BadBodyException(what + " is not valid JSON");
        } catch (IOException e) {
            throw new BadBodyException(what + " cannot be read");
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The text values a node holds: one per scalar, one per array element, one for a widget object. */
    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(e -> collect(e, out));
        } else if (node.isObject()) {
            String t = objectText(node);
            if (!t.isBlank()) {
                out.add(t);
            }
        } else {
            String t = node.asText().strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
    }

    /** The first text of a node, or null. */
    static String text(JsonNode node) {
        List<String> t = texts(node);
        return t.isEmpty() ? null : t.get(0);
    }

    /**
     * A widget object as one text: 简道云's phone {@code {"phone","verified"}} and Jotform's
     * {@code {"full"}} or {@code {"area","phone"}} give the number; names {@code {"first","last"}}
     * give "first last"; addresses give their parts in order; {@code {"value"}} wrappers are opened.
     */
    static String objectText(JsonNode o) {
        if (isFile(o)) {
            return o.path("filename").asText() + " (" + o.path("size").asLong() + " bytes)";
        }
        if (o.hasNonNull("value") && o.size() <= 2) {
            return String.join(" ", texts(o.get("value")));
        }
        if (o.hasNonNull("phone") && o.get("phone").isValueNode()) {
            String area = o.hasNonNull("area") ? o.get("area").asText().strip() : "";
            return (area + " " + o.get("phone").asText().strip()).strip();
        }
        if (o.hasNonNull("full") && o.get("full").isValueNode()) {
            return o.get("full").asText().strip();
        }
        if (isName(o)) {
            return joinParts(o, NAME_PARTS);
        }
        if (isAddress(o)) {
            return joinParts(o, ADDRESS_PARTS);
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            // Flags such as "verified": false say nothing about the person.
            if (v.isTextual() || v.isNumber()) {
                String t = v.asText().strip();
                if (!t.isEmpty()) {
                    parts.add(t);
                }
            }
        }
        return String.join(" ", parts);
    }

    /** Region text of an address object (country, province, city, district; no street), or null. */
    static String regionText(JsonNode node) {
        if (node == null || !node.isObject() || !isAddress(node)) {
            return null;
        }
        String t = joinParts(node, REGION_PARTS);
        return t.isBlank() ? null : t;
    }

    /** A file part of a multipart body, kept as its name, type and size only. */
    static boolean isFile(JsonNode o) {
        return o.isObject() && o.has("filename") && o.has("size");
    }

    static boolean isName(JsonNode o) {
        return o.isObject() && (o.has("first") || o.has("last")) && !o.has("phone");
    }

    static boolean isAddress(JsonNode o) {
        return o.isObject() && (o.has("province") || o.has("city") || o.has("addr_line1"));
    }

    static boolean isPhoneWidget(JsonNode o) {
        return o.isObject() && (o.has("phone") || o.has("full") && o.size() <= 2);
    }

    private static String joinParts(JsonNode o, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            JsonNode v = o.get(k);
            if (v != null && v.isValueNode() && !v.asText().isBlank() && !parts.contains(v.asText().strip())) {
                parts.add(v.asText().strip());
            }
        }
        return String.join(" ", parts);
    }
}

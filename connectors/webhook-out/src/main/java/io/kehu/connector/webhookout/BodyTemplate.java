package io.kehu.connector.webhookout;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kehu.api.spi.Delivery;
import io.kehu.connector.kit.JsonHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON body with {@code {{placeholders}}}: {@code idempotencyKey}, {@code profileId}, {@code remoteId},
 * {@code owner}, {@code fields} (all fields as an object) and {@code fields.<name>}. Outside a JSON string a
 * placeholder becomes a JSON value ({@code "a"}, {@code 12}, {@code null}); inside one its text, escaped,
 * so both {@code "name": {{fields.name}}} and {@code "title": "Lead {{fields.name}}"} give valid JSON.
 */
final class BodyTemplate {

    static final String DEFAULT = """
            {"idempotencyKey": {{idempotencyKey}}, "profileId": {{profileId}}, "remoteId": {{remoteId}},
             "owner": {{owner}}, "fields": {{fields}}}""";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");
    private static final Pattern NAME = Pattern.compile("idempotencyKey|profileId|remoteId|owner|fields|fields\\..+");

    private final String template;

    /** @throws IllegalArgumentException naming every placeholder that is not one of the known ones */
    BodyTemplate(String template) {
        this.template = template;
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!NAME.matcher(m.group(1)).matches()) {
                unknown.add(m.group(1));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown placeholder(s) " + unknown);
        }
    }

    String render(Delivery d) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        Matcher m = PLACEHOLDER.matcher(template);
        boolean inString = false;
        int i = 0;
        while (i < template.length()) {
            if (template.startsWith("{{", i) && m.region(i, template.length()).lookingAt()) {
                Object value = resolve(m.group(1), d);
                out.append(inString ? insideString(value) : json(value));
                i = m.end();
                continue;
            }
            char c = template.charAt(i);
            if (inString && c == '\\' && i + 1 < template.length()) {
                out.append(c).append(template.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static Object resolve(String name, Delivery d) {
        return switch (name) {
            case "idempotencyKey" -> d.idempotencyKey();
            case "profileId" -> d.profileId();
            case "remoteId" -> d.remoteId();
            case "owner" -> d.owner();
            case "fields" -> d.fields();
            default -> fieldValue(d.fields(), name.substring("fields.".length()));
        };
    }

    private static Object fieldValue(Map<String, Object> fields, String name) {
        return fields == null ? null : fields.get(name);
    }

    private static String json(Object value) {
        try {
            return JsonHttp.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A field value cannot be written as JSON", e);
        }
    }

    private static String insideString(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof String s ? s : json(value);
        String quoted = json(text);
        return quoted.substring(1, quoted.length() - 1);
    }
}

package io.kehu.connector.webform;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One answer of a submission, as a preset found it.
 *
 * @param path   where it is in the parsed body, usable as a mapping key
 * @param labels what the form calls it (question title, alias, field name), best first; empty when
 *               the vendor sends no label (金数据's {@code field_1})
 * @param hint   what the vendor says it is (Typeform's answer type, a phone widget), or null
 * @param node   the value as received
 */
record FormField(String path, List<String> labels, Hint hint, JsonNode node) {

    /** What a vendor's field type or a widget's shape says about a field. */
    enum Hint {
        NAME, PHONE, EMAIL, REGION
    }

    FormField {
        labels = labels == null ? List.of() : labels.stream().filter(l -> l != null && !l.isBlank()).toList();
    }

    /** The label to show, e.g. in an interaction's details: the first label, else the path. */
    String displayLabel() {
        return labels.isEmpty() ? path : labels.get(0);
    }

    List<String> values() {
        return FormJson.texts(node);
    }
}

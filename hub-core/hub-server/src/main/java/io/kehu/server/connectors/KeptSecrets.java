package io.kehu.server.connectors;

import io.kehu.api.spi.ConfigField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a change of an instance does with its secrets. No answer of the API ever carries a secret (they show as
 * {@code ******}), so a client that edits an instance cannot send one back: a secret field sent as that mask, or
 * left out, keeps the stored value; an empty value clears it, and a new value replaces it. Only within the same
 * connector type: a definition that changes its type starts over.
 */
final class KeptSecrets {

    /** How every answer shows a secret value. */
    static final String MASK = "******";

    private KeptSecrets() {
    }

    /** The config to store when {@code current} is changed to {@code next}, with the secrets kept as above. */
    static Map<String, Object> merge(List<ConfigField> fields, InstanceDefinition current, InstanceDefinition next) {
        Map<String, Object> out = new LinkedHashMap<>(next.config());
        boolean sameType = current.type() != null && current.type().equals(next.type());
        for (ConfigField f : fields) {
            if (!f.secret()) {
                continue;
            }
            Object given = out.get(f.key());
            if (given != null && !MASK.equals(given)) {
                continue;
            }
            Object stored = sameType ? current.config().get(f.key()) : null;
            if (stored != null) {
                out.put(f.key(), stored);
            } else {
                // The mask alone is no value: never store it as the secret.
                out.remove(f.key());
            }
        }
        return out;
    }
}
